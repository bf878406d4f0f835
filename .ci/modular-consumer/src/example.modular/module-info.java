/** A user's modular application: it reads the SDK, and through it OkHttp, Retrofit and Gson. */
module example.modular {
    requires house.openapp.sdk;
    requires jdk.httpserver;
}

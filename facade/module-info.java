/**
 * The OpenApp Java SDK: the façade ({@code house.openapp.sdk}, {@code house.openapp.sdk.errors})
 * and, as the escape hatch, the generated low-level layer ({@code house.openapp.sdk.generated},
 * {@code .api}, {@code .model}). {@code house.openapp.sdk.internal} is not exported: it is not API.
 *
 * <pre>{@code
 * module com.example.app {
 *     requires house.openapp.sdk;
 * }
 * }</pre>
 */
module house.openapp.sdk {
    exports house.openapp.sdk;
    exports house.openapp.sdk.errors;
    exports house.openapp.sdk.otel;
    exports house.openapp.sdk.micrometer;
    exports house.openapp.sdk.generated;
    exports house.openapp.sdk.generated.api;
    exports house.openapp.sdk.generated.model;

    // Gson reads and writes the generated models and the generated query objects reflectively.
    opens house.openapp.sdk.generated.model to com.google.gson;
    opens house.openapp.sdk.generated.api to com.google.gson;
    opens house.openapp.sdk.generated to com.google.gson;

    // Types of these appear in the exported API (OpenAppClient.Builder.okHttpClient, ApiClient,
    // the generated services' retrofit2.Call, JSON's Gson), so a user reads them too.
    requires transitive okhttp3;
    requires transitive retrofit2;
    requires transitive com.google.gson;

    // Used inside only.
    requires retrofit2.converter.gson;
    requires okio;
    // OkHttp 4 and Okio are Kotlin, and automatic modules declare nothing: without this the
    // Kotlin stdlib would not be resolved on a user's module path.
    requires kotlin.stdlib;

    // The optional adapters (house.openapp.sdk.otel, .micrometer): present only when the user
    // has OpenTelemetry or Micrometer, who then requires those modules itself (static, not
    // transitive: javac would demand them from every user of this module).
    requires static io.opentelemetry.api;
    requires static io.opentelemetry.context;
    requires static micrometer.observation;
    requires static micrometer.commons;

    // The generated sources' @javax.annotation.processing.Generated: retained in source only, so
    // static (not needed at run time); transitive because it annotates exported types.
    requires static transitive java.compiler;
}

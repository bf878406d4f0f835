/** Must not compile: house.openapp.sdk.internal is not exported. */
module example.refused {
    requires house.openapp.sdk;
}

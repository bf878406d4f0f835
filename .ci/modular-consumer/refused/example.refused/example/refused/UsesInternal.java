package example.refused;

/** Must not compile: the SDK's internal package is not API. */
final class UsesInternal {
    Object checks = house.openapp.sdk.internal.Checks.class;
}

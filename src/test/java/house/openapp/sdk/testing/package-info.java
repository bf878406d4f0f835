/**
 * Test support for code that talks to OpenApp: {@link house.openapp.sdk.testing.FakeOpenApp}, a
 * stateful in-memory OpenApp Orgs server on a loopback port, and
 * {@link house.openapp.sdk.testing.WithFakeOpenApp} / {@link house.openapp.sdk.testing.FakeOpenAppExtension},
 * which give each JUnit 5 test its own running instance.
 */
package house.openapp.sdk.testing;

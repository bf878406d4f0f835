/**
 * Internals of the SDK. Not API: anything here may change or disappear in any release.
 */
package house.openapp.sdk.internal;

/**
 * Internals of the OpenApp SDK: public only so that the facade's packages can share them.
 *
 * <p>Nothing in this package is API. Types and signatures here may change or disappear in any
 * release without notice; do not use them from application code.
 */
package house.openapp.sdk.internal;

package house.openapp.sdk.errors;

/**
 * HTTP 407: a proxy between the client and the API asks for credentials the client does not
 * have. Not retried: the same request would get the same answer. Configure the proxy's
 * credentials on the {@code OkHttpClient} given to {@code OpenAppClient.Builder.okHttpClient}
 * (its {@code proxyAuthenticator}).
 */
public class ProxyAuthenticationException extends OpenAppApiException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param details the response's details
     */
    public ProxyAuthenticationException(ErrorDetails details) {
        super(details);
    }
}

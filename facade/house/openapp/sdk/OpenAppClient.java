package house.openapp.sdk;

import house.openapp.sdk.internal.ApiKeys;
import house.openapp.sdk.internal.CallEvents;
import house.openapp.sdk.internal.Checks;
import house.openapp.sdk.internal.ContextInterceptor;
import house.openapp.sdk.internal.DeadlineTimer;
import house.openapp.sdk.internal.HttpLogger;
import house.openapp.sdk.internal.ProxyAuth;
import house.openapp.sdk.internal.RetryInterceptor;
import house.openapp.sdk.internal.Transport;
import house.openapp.sdk.internal.UrlImageFetcher;
import okhttp3.Authenticator;
import house.openapp.sdk.errors.ClientClosedException;
import house.openapp.sdk.internal.ConnectionGuard;
import house.openapp.sdk.internal.Lifecycle;
import house.openapp.sdk.internal.RequestGuard;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

import java.net.InetAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The OpenApp API client: one configured HTTP stack (connection pool, dispatcher, timeouts,
 * retries, credentials) and the resources on it, starting with {@link #orgs()}.
 *
 * <pre>{@code
 * try (OpenAppClient client = OpenAppClient.fromEnv()) {
 *     for (OrganizationResponse org : client.orgs().list().autoPaging()) {
 *         System.out.println(org.getId());
 *     }
 * }
 * }</pre>
 *
 * <p>A client is immutable and thread-safe: build one per deployment and share it. {@link
 * #withOrg(String)} gives a copy with another {@code X-Org} context over the same connection
 * pool and dispatcher. The client that {@link Builder#build()} returned owns that shared stack:
 * closing it releases the stack for itself and every copy, while closing a copy does nothing, so
 * a copy in try-with-resources never shuts its parent down. {@link #toString()} never shows the
 * credential.
 */
public final class OpenAppClient implements AutoCloseable {
    /** Environment variable holding the API key. */
    public static final String ENV_API_KEY = "OPENAPP_API_KEY";
    /** Environment variable overriding the API root. */
    public static final String ENV_BASE_URL = "OPENAPP_BASE_URL";
    /** Environment variable holding the default org context. */
    public static final String ENV_ORG = "OPENAPP_ORG";

    /**
     * The default of {@link Builder#maxResponseBytes(long)}: 16 MiB, about 80 times the
     * largest page the API serves (200 organisations) and far below what a JVM should hold for
     * one response.
     */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;
    /**
     * The default of {@link Builder#connectionIdleTimeout(Duration)}: 4 s, under the shortest
     * common server keep-alive (Node.js and Apache httpd close idle connections after 5 s;
     * nginx after 75 s, AWS and GCP load balancers after 60 s or more).
     */
    public static final Duration DEFAULT_CONNECTION_IDLE_TIMEOUT = Duration.ofSeconds(4);
    /**
     * The default of {@link Builder#maxConnectionsPerHost(int)}: 64 (docs/reliability.md has
     * the measurements behind it).
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_HOST = 64;
    /**
     * The default of {@link Builder#maxPages(int)}: 10,000 pages, two million items at the
     * largest page size.
     */
    public static final int DEFAULT_MAX_PAGES = 10_000;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Settings config;
    private final HttpUrl apiRoot;
    private final Transport.Shared shared;
    private final String org;
    private final boolean owner;
    private final Transport transport;
    private final Orgs orgs;

    private OpenAppClient(Settings config, HttpUrl apiRoot, Transport.Shared shared, String org, boolean owner) {
        this.config = config;
        this.apiRoot = apiRoot;
        this.shared = shared;
        this.org = org;
        this.owner = owner;
        ContextInterceptor context = new ContextInterceptor(apiRoot, config.credentialHeader, config.credentialValue, org, config.userAgent);
        this.transport = new Transport(shared, apiRoot, context, config.listener);
        this.orgs = new Orgs(this, transport, RequestOptions.NONE);
    }

    /**
     * What a client keeps of its builder, fixed when it is built and shared by the clients
     * {@link #withOrg(String)} derives from it.
     */
    private record Settings(String credentialHeader, String credentialValue, String userAgent, CallListener listener,
                            ImageFetchPolicy imageFetchPolicy, RetryPolicy retryPolicy, Duration callTimeout) {
        @Override
        public String toString() {
            return "Settings{" + credentialHeader + " <redacted>, retryPolicy=" + retryPolicy + ", callTimeout=" + callTimeout + "}";
        }
    }

    /**
     * Starts a builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Builds a client from {@code OPENAPP_API_KEY} (required), {@code OPENAPP_BASE_URL} and
     * {@code OPENAPP_ORG} (optional).
     *
     * @return a new client
     * @throws IllegalStateException if {@code OPENAPP_API_KEY} is not set
     */
    public static OpenAppClient fromEnv() {
        return fromEnv(System.getenv());
    }

    /**
     * Builds a client from the given environment, as {@link #fromEnv()} does from the process's.
     *
     * @param environment variable name to value
     * @return a new client
     * @throws IllegalStateException if {@code OPENAPP_API_KEY} is not set
     */
    public static OpenAppClient fromEnv(Map<String, String> environment) {
        String apiKey = environment.get(ENV_API_KEY);
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalStateException(ENV_API_KEY + " is not set");
        }
        Builder builder = builder().apiKey(apiKey.strip());
        String baseUrl = environment.get(ENV_BASE_URL);
        if (baseUrl != null && !baseUrl.isBlank()) {
            builder.baseUrl(baseUrl.strip());
        }
        String org = environment.get(ENV_ORG);
        if (org != null && !org.isBlank()) {
            builder.defaultOrg(org.strip());
        }
        return builder.build();
    }

    /**
     * The Orgs and Media operations.
     *
     * @return the resource
     */
    public Orgs orgs() {
        return orgs;
    }

    /**
     * A copy of this client whose requests carry another org context ({@code X-Org}); it shares
     * this client's connection pool, dispatcher, timeouts and retries. The copy does not own that
     * stack: its {@link #close()} does nothing, and it stops working when the client built by
     * {@link Builder#build()} is closed.
     *
     * <pre>{@code
     * OpenAppClient tenant = client.withOrg("01HTENANT"); // no need to close it
     * }</pre>
     *
     * @param orgId the org id
     * @return the copy
     */
    public OpenAppClient withOrg(String orgId) {
        return new OpenAppClient(config, apiRoot, shared, Checks.id("orgId", orgId), false);
    }

    /**
     * The org context of this client.
     *
     * @return the org id sent as {@code X-Org}, if any
     */
    public Optional<String> org() {
        return Optional.ofNullable(org);
    }

    /**
     * The API root every request is relative to, such as {@code https://openapp.example/api/v1/}.
     *
     * @return the API root
     */
    public URI baseUrl() {
        return apiRoot.uri();
    }

    /**
     * The generated low-level services over this client's stack (same credentials, base URL,
     * org context, timeouts and retries), for what the façade does not cover.
     *
     * @return the generated layer
     */
    public GeneratedApis generated() {
        return new GeneratedApis(transport);
    }

    /**
     * Sends a request that no façade or generated method describes, with this client's
     * credentials, context, timeouts and retries; error statuses throw as usual.
     *
     * <pre>{@code
     * ApiResponse<String> status = client.rawRequest("GET", "orgs/" + id + "/permissions", Map.of(), null, RequestOptions.NONE);
     * }</pre>
     *
     * @param method the HTTP method
     * @param path a path relative to the API root, without a leading slash
     * @param query query parameters, in iteration order
     * @param jsonBody a JSON body, or {@code null}
     * @param options per-call options
     * @return the response with its body as text
     */
    public ApiResponse<String> rawRequest(String method, String path, Map<String, String> query, String jsonBody, RequestOptions options) {
        Checks.headerName(method);
        return transport.raw(method.toUpperCase(Locale.ROOT), path, Objects.requireNonNull(query, "query"), jsonBody,
                Objects.requireNonNull(options, "options"));
    }

    /**
     * On the client built by {@link Builder#build()}: releases the shared HTTP stack of this
     * client and every {@link #withOrg(String)} copy of it; the dispatcher's threads stop and
     * pooled connections close (unless the {@link OkHttpClient} was supplied by the caller, who
     * then owns it). Calls still running or queued fail at once with
     * {@link ClientClosedException}, as do later calls, through the façade, the generated layer
     * ({@code execute()} throws an {@link java.io.IOException}) or an image fetch. On a copy:
     * does nothing, since the copy does not own the stack.
     */
    @Override
    public void close() {
        if (owner) {
            shared.close();
        }
    }

    /** Where the asynchronous façade runs blocking work (an image download): OkHttp's dispatcher threads. */
    java.util.concurrent.Executor blockingExecutor() {
        return shared.core().dispatcher().executorService();
    }

    ImageUpload fetchImage(URI source) {
        if (shared.isClosed()) {
            throw new ClientClosedException("this OpenAppClient is closed: the image at " + source.getScheme() + "://" + source.getHost()
                    + " was not fetched", null, 0);
        }
        return new UrlImageFetcher(shared.core(), config.imageFetchPolicy).fetch(source);
    }

    @Override
    public String toString() {
        return "OpenAppClient{baseUrl=" + apiRoot + ", auth=" + (config.credentialHeader.equals("X-API-Key") ? "X-API-Key" : "Bearer") + " <redacted>"
                + ", org=" + org + ", retryPolicy=" + config.retryPolicy + ", callTimeout=" + config.callTimeout + "}";
    }

    private static String userAgent(String suffix) {
        String version = OpenAppClient.class.getPackage().getImplementationVersion();
        String agent = "openapp-java/" + (version == null ? "dev" : version) + " okhttp/" + okhttp3.OkHttp.VERSION;
        return suffix == null ? agent : agent + " " + suffix;
    }

    /** Builder of {@link OpenAppClient}; not thread-safe. */
    public static final class Builder {
        private String apiKey;
        private String bearerToken;
        private String baseUrl;
        private String defaultOrg;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration readTimeout = Duration.ofSeconds(30);
        private Duration callTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private String userAgentSuffix;
        private OkHttpClient okHttpClient;
        private boolean allowInsecureHttp;
        private boolean logging;
        private System.Logger httpLog;
        private CallListener callListener;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();
        private ImageFetchPolicy imageFetchPolicy = ImageFetchPolicy.builder().build();
        private Proxy proxy;
        private Authenticator proxyAuthenticator;
        private long maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        private Duration connectionIdleTimeout = DEFAULT_CONNECTION_IDLE_TIMEOUT;
        private int maxConnectionsPerHost = DEFAULT_MAX_CONNECTIONS_PER_HOST;
        private int maxPages = DEFAULT_MAX_PAGES;

        private Builder() {
        }

        /**
         * Authenticates with an API key, sent as {@code X-API-Key}; the API root is derived
         * from the key's origin unless {@link #baseUrl(String)} is set. The key is checked at
         * {@link #build()}.
         *
         * @param apiKey {@code {origin}_openapp_{secret}}
         * @return this builder
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
            return this;
        }

        /**
         * Authenticates with a user session JWT, sent as {@code Authorization: Bearer}; needs
         * {@link #baseUrl(String)}.
         *
         * @param jwt the token
         * @return this builder
         */
        public Builder bearerToken(String jwt) {
            this.bearerToken = Checks.headerValue("bearerToken", Checks.notBlank("bearerToken", jwt));
            return this;
        }

        /**
         * Sets the API root, such as {@code https://openapp.example/api/v1}, overriding the one
         * derived from the API key.
         *
         * @param baseUrl an absolute http(s) URL
         * @return this builder
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Checks.notBlank("baseUrl", baseUrl);
            return this;
        }

        /**
         * Sets the org context ({@code X-Org}) of every request.
         *
         * @param orgId the org id
         * @return this builder
         */
        public Builder defaultOrg(String orgId) {
            this.defaultOrg = Checks.id("defaultOrg", orgId);
            return this;
        }

        /**
         * Sets the connect timeout of each attempt (default 10 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Checks.timeout("connectTimeout", timeout);
            return this;
        }

        /**
         * Sets the read (and write) timeout of each attempt (default 30 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Checks.timeout("readTimeout", timeout);
            return this;
        }

        /**
         * Sets the overall deadline of a call, all retries and waits included (default 60 s).
         * It applies to calls through {@link #generated()} too. A call past its deadline fails
         * with a timeout within about 10 ms of it; the SDK keeps this deadline itself rather
         * than through OkHttp's call timeout, which costs a thread wake-up per call.
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Checks.timeout("callTimeout", timeout);
            return this;
        }

        /**
         * Sets the retry policy (default {@link RetryPolicy#DEFAULT}).
         *
         * @param retryPolicy the policy; {@link RetryPolicy#NONE} disables retries
         * @return this builder
         */
        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
            return this;
        }

        /**
         * Appends a product token to the {@code User-Agent}, such as {@code my-app/1.2}.
         *
         * @param suffix printable text
         * @return this builder
         */
        public Builder userAgentSuffix(String suffix) {
            this.userAgentSuffix = Checks.headerValue("userAgentSuffix", Checks.notBlank("userAgentSuffix", suffix));
            return this;
        }

        /**
         * Builds on a caller's OkHttp client: its pool, dispatcher, interceptors and TLS settings
         * are used, and it is not shut down by {@link OpenAppClient#close()}.
         *
         * @param client the client
         * @return this builder
         */
        public Builder okHttpClient(OkHttpClient client) {
            this.okHttpClient = Objects.requireNonNull(client, "okHttpClient");
            return this;
        }

        /**
         * Allows a plain {@code http://} API root on a non-loopback host. Off by default:
         * credentials would cross the network in clear text.
         *
         * @param allow true to allow
         * @return this builder
         */
        public Builder allowInsecureHttp(boolean allow) {
            this.allowInsecureHttp = allow;
            return this;
        }

        /**
         * Logs every HTTP attempt at {@code DEBUG} through {@link System.Logger} (logger
         * {@code house.openapp.sdk.http}) with {@code X-API-Key}, {@code Authorization},
         * {@code X-OpenApp-Confirm} and cookies redacted. Off by default.
         *
         * @param enabled true to log
         * @return this builder
         */
        public Builder logging(boolean enabled) {
            this.logging = enabled;
            return this;
        }

        /**
         * Observes every call of the client: each operation by its bundle {@code operationId},
         * each attempt with its status, {@code X-Request-Id}, size, duration and retry decision,
         * and the outcome (see {@link CallListener}). For tracing and metrics, pass
         * {@code house.openapp.sdk.otel.OpenAppTelemetry.create(openTelemetry)} or
         * {@code house.openapp.sdk.micrometer.OpenAppObservation.create(registry)}. Unset by
         * default, and then it costs nothing; {@link #logging(boolean)} is a listener of its own
         * beside this one.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder callListener(CallListener listener) {
            this.callListener = Objects.requireNonNull(listener, "callListener");
            return this;
        }

        /**
         * Sets the largest response body the client reads (default
         * {@value OpenAppClient#DEFAULT_MAX_RESPONSE_BYTES} bytes, 16 MiB), counted after
         * {@code gzip} decoding. A longer body fails the call with
         * {@link house.openapp.sdk.errors.ResponseTooLargeException} as soon as the limit is
         * passed; it is not retried and its connection is closed. Error bodies are kept to
         * 64 KiB whatever this says ({@code rawBody()}); the rest is never read.
         *
         * @param bytes at least 1024
         * @return this builder
         */
        public Builder maxResponseBytes(long bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxResponseBytes must be at least 1024 but was " + bytes);
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * Sets how long an idle pooled connection may be reused (default 4 s, under the 5 s
         * keep-alive of Node.js and Apache httpd). Older ones are closed rather than written
         * to, so that a server that already dropped them never makes a call fail; a connection
         * idle for more than 100 ms is also checked for a close or stray bytes before reuse.
         *
         * @param timeout between 1 ms and 24 days
         * @return this builder
         */
        public Builder connectionIdleTimeout(Duration timeout) {
            this.connectionIdleTimeout = Checks.timeout("connectionIdleTimeout", timeout);
            return this;
        }

        /**
         * Sets how many connections the client opens to one host at most, synchronous and
         * asynchronous calls together (default {@value OpenAppClient#DEFAULT_MAX_CONNECTIONS_PER_HOST});
         * further calls wait for a free one within their deadline. The pool keeps as many idle.
         *
         * @param max 1 to 1024
         * @return this builder
         */
        public Builder maxConnectionsPerHost(int max) {
            this.maxConnectionsPerHost = Checks.range("maxConnectionsPerHost", max, 1, 1024);
            return this;
        }

        /**
         * Sets how many pages one auto-paging walk or {@code getByName} may fetch before it
         * fails with {@link house.openapp.sdk.errors.PagingException} (default
         * {@value OpenAppClient#DEFAULT_MAX_PAGES}).
         *
         * @param max 1 to 10,000,000
         * @return this builder
         */
        public Builder maxPages(int max) {
            this.maxPages = Checks.range("maxPages", max, 1, 10_000_000);
            return this;
        }

        /**
         * Replaces how the client waits between retries (for tests).
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * Replaces the clock used for deadlines and {@code Retry-After} dates (for tests).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Replaces the safety rules of {@link Orgs#uploadImageFromUrl(String, URI)}.
         *
         * @param policy the rules
         * @return this builder
         */
        public Builder imageFetchPolicy(ImageFetchPolicy policy) {
            this.imageFetchPolicy = Objects.requireNonNull(policy, "imageFetchPolicy");
            return this;
        }

        /**
         * Sends every request through a proxy: the API calls and the downloads of
         * {@link Orgs#uploadImageFromUrl(String, URI)}. Through an HTTP or SOCKS proxy, the proxy
         * resolves the target's host name and connects to it; for image downloads the SDK
         * resolves the target here too and refuses it before anything is sent if any of its
         * addresses is refused by the {@link ImageFetchPolicy} (docs/errors-and-retries.md,
         * "Proxies"). It replaces the proxy of a supplied {@link #okHttpClient(OkHttpClient)}.
         * Without it, API calls follow the JVM's default {@link java.net.ProxySelector} and image
         * downloads connect directly.
         *
         * <pre>{@code
         * OpenAppClient.builder().apiKey(key)
         *         .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("proxy.corp.example", 3128)))
         *         .build();
         * }</pre>
         *
         * @param proxy the proxy, or {@link Proxy#NO_PROXY} to connect directly
         * @return this builder
         */
        public Builder proxy(Proxy proxy) {
            this.proxy = Objects.requireNonNull(proxy, "proxy");
            return this;
        }

        /**
         * Answers the {@link #proxy(Proxy)}'s {@code 407} challenges, for example with Basic
         * credentials:
         *
         * <pre>{@code
         * OpenAppClient client = OpenAppClient.builder()
         *         .apiKey(key)
         *         .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("proxy.example", 3128)))
         *         .proxyAuthenticator((route, response) -> response.request().newBuilder()
         *                 .header("Proxy-Authorization", Credentials.basic(user, password)).build())
         *         .build();
         * }</pre>
         *
         * <p>The credentials reach the proxy and nobody else: the authenticator is asked only when
         * that proxy answers 407 (never for an origin's 401), at most once per request (refused
         * credentials end the call instead of looping); only the {@code Proxy-Authorization}
         * header of its answer is used, on the request the proxy challenged; and that header is
         * removed from any request that would carry it past the proxy (an {@code https} request
         * inside the tunnel, a redirect to another origin).
         *
         * @param authenticator the authenticator; needs a proxy other than {@link Proxy#NO_PROXY}
         * @return this builder
         */
        public Builder proxyAuthenticator(Authenticator authenticator) {
            this.proxyAuthenticator = Objects.requireNonNull(authenticator, "proxyAuthenticator");
            return this;
        }

        /**
         * Replaces the {@link System.Logger} that {@link #logging(boolean)} writes to (for tests
         * that capture the log); package-private, not API.
         *
         * @param log the logger
         * @return this builder
         */
        Builder httpLog(System.Logger log) {
            this.httpLog = Objects.requireNonNull(log, "httpLog");
            return this;
        }

        /**
         * Checks the configuration and builds the client.
         *
         * @return a new client
         * @throws IllegalStateException if no credential or both were given
         * @throws IllegalArgumentException if the API key or base URL is malformed, naming the
         *     broken rule without echoing the secret
         */
        public OpenAppClient build() {
            if (apiKey == null && bearerToken == null) {
                throw new IllegalStateException("an apiKey or a bearerToken is required");
            }
            if (apiKey != null && bearerToken != null) {
                throw new IllegalStateException("set either an apiKey or a bearerToken, not both");
            }
            String root = baseUrl;
            if (apiKey != null) {
                String origin = ApiKeys.origin(apiKey);
                if (root == null) {
                    root = origin + "/api/v1";
                }
            } else if (root == null) {
                throw new IllegalStateException("baseUrl is required with a bearerToken");
            }
            HttpUrl apiRoot = HttpUrl.parse(root.endsWith("/") ? root : root + "/");
            if (apiRoot == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http or https URL");
            }
            if (apiRoot.username().length() > 0 || apiRoot.password().length() > 0 || apiRoot.query() != null) {
                throw new IllegalArgumentException("baseUrl must not contain user info or a query");
            }
            if (!apiRoot.isHttps() && !allowInsecureHttp && !isLoopback(apiRoot.host())) {
                throw new IllegalArgumentException("baseUrl must use https; plain http is allowed only for loopback hosts"
                        + " or with allowInsecureHttp(true), but was http://" + apiRoot.host());
            }
            if (proxyAuthenticator != null && (proxy == null || proxy.type() == Proxy.Type.DIRECT)) {
                throw new IllegalStateException("proxyAuthenticator needs a proxy(...) other than Proxy.NO_PROXY");
            }
            HttpLogger logger = logging ? new HttpLogger(httpLog != null ? httpLog : System.getLogger(HttpLogger.LOGGER_NAME),
                    System.Logger.Level.DEBUG) : null;
            Settings settings = new Settings(apiKey != null ? "X-API-Key" : "Authorization", apiKey != null ? apiKey : "Bearer " + bearerToken,
                    userAgent(userAgentSuffix), CallEvents.combine(logger, CallEvents.active(callListener)), imageFetchPolicy, retryPolicy,
                    callTimeout);
            DeadlineTimer timer = new DeadlineTimer();
            Lifecycle lifecycle = new Lifecycle();
            OkHttpClient.Builder core = (okHttpClient != null ? okHttpClient.newBuilder() : ownStack(maxConnectionsPerHost, connectionIdleTimeout))
                    .connectTimeout(connectTimeout)
                    .readTimeout(readTimeout)
                    .writeTimeout(readTimeout)
                    .callTimeout(Duration.ZERO) // the RetryInterceptor's DeadlineTimer keeps the call timeout, cheaper
                    .retryOnConnectionFailure(false)
                    .followRedirects(false) // the RetryInterceptor follows them, by the SDK's rules (internal/Redirects)
                    .followSslRedirects(false)
                    .addInterceptor(new RequestGuard(lifecycle))
                    .addInterceptor(new RetryInterceptor(retryPolicy, sleeper, clock, callTimeout.toMillis(), timer, maxResponseBytes,
                            maxConnectionsPerHost, lifecycle))
                    .addNetworkInterceptor(new ConnectionGuard(connectionIdleTimeout.toMillis()));
            if (proxy != null) {
                core.proxy(proxy);
            }
            if (proxyAuthenticator != null) {
                core.proxyAuthenticator(ProxyAuth.onlyFor(proxy, proxyAuthenticator))
                        .addNetworkInterceptor(ProxyAuth.STRIP_OUTSIDE_PROXY);
            }
            return new OpenAppClient(settings, apiRoot, new Transport.Shared(core.build(), okHttpClient == null, timer, lifecycle,
                    callTimeout.toMillis(), clock, maxPages), defaultOrg, true);
        }

        /**
         * The pool and dispatcher of a client the SDK owns: idle connections are closed after
         * the idle timeout, and as many are kept as may be open to one host.
         */
        private static OkHttpClient.Builder ownStack(int perHost, Duration idleTimeout) {
            Dispatcher dispatcher = new Dispatcher();
            dispatcher.setMaxRequests(Math.max(64, perHost));
            dispatcher.setMaxRequestsPerHost(perHost);
            return new OkHttpClient.Builder()
                    .dispatcher(dispatcher)
                    .connectionPool(new ConnectionPool(perHost, idleTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }

        private static boolean isLoopback(String host) {
            String lower = host.toLowerCase(Locale.ROOT);
            if (lower.equals("localhost")) {
                return true;
            }
            if (lower.endsWith(".localhost")) {
                return resolvesOnlyToLoopback(lower); // RFC 6761 asks resolvers to, but not every one does
            }
            if (IPV4.matcher(lower).matches() || lower.indexOf(':') >= 0) {
                try {
                    return InetAddress.getByName(lower).isLoopbackAddress();
                } catch (UnknownHostException notAnAddress) {
                    return false;
                }
            }
            return false;
        }

        private static boolean resolvesOnlyToLoopback(String host) {
            try {
                InetAddress[] addresses = InetAddress.getAllByName(host);
                for (InetAddress address : addresses) {
                    if (!address.isLoopbackAddress()) {
                        return false;
                    }
                }
                return addresses.length > 0;
            } catch (UnknownHostException unresolved) {
                return false;
            }
        }

        @Override
        public String toString() {
            return "OpenAppClient.Builder{auth=" + (apiKey != null ? "X-API-Key <redacted>" : bearerToken != null ? "Bearer <redacted>" : "none")
                    + ", baseUrl=" + baseUrl + ", defaultOrg=" + defaultOrg + "}";
        }
    }
}

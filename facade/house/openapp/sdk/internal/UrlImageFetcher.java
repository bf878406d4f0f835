package house.openapp.sdk.internal;

import house.openapp.sdk.ImageFetchPolicy;
import house.openapp.sdk.ImageUpload;
import house.openapp.sdk.errors.ImageSourceException;
import house.openapp.sdk.errors.ImageSourceException.Reason;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.Authenticator;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.CookieJar;
import okhttp3.Dns;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.BufferedSource;
import okio.ByteString;

/**
 * The safe downloader behind {@code orgs().uploadImageFromUrl(URI)}: fetches a JPEG, PNG or WebP
 * image from a caller-given URL with guards against server-side request forgery and oversized
 * bodies; internal, not API.
 *
 * <p>Rules, each enforced on every hop of a redirect chain and reported as an
 * {@link ImageSourceException} with its {@link ImageSourceException.Reason}:
 * <ul>
 *   <li>only {@code http} and {@code https} URLs are fetched ({@code SCHEME_NOT_ALLOWED});</li>
 *   <li>redirects (301, 302, 303, 307, 308) are followed by the fetcher itself, at most
 *       {@link ImageFetchPolicy#maxRedirects()} of them ({@code TOO_MANY_REDIRECTS});</li>
 *   <li>the address of the image host is checked against {@link ImageFetchPolicy#allowAddress()}
 *       <em>after</em> name resolution, three times over: an IP-literal host is checked before
 *       the request is made (OkHttp does not ask {@link Dns} about IP literals), a filtering
 *       {@link Dns} drops refused addresses so that they are never connected to, and a network
 *       interceptor checks the address the socket is actually connected to before a single
 *       request byte is written, which also defeats DNS rebinding
 *       ({@code ADDRESS_NOT_ALLOWED});</li>
 *   <li>a body longer than {@link ImageFetchPolicy#maxBytes()} is refused from its
 *       {@code Content-Length}, or, without one, while streaming, as soon as the cap is
 *       exceeded; no more than the cap plus one 8 KiB chunk is ever held ({@code TOO_LARGE});</li>
 *   <li>the content is identified by its magic bytes; anything but JPEG, PNG or WebP is refused
 *       ({@code UNSUPPORTED_CONTENT}), as is a declared image {@code Content-Type} that
 *       contradicts the bytes ({@code CONTENT_TYPE_MISMATCH}); a missing or non-image type such
 *       as {@code application/octet-stream} is accepted and the sniffed type wins;</li>
 *   <li>a final status other than 2xx is {@code HTTP_STATUS}; I/O failures and running past
 *       {@link ImageFetchPolicy#timeout()} are {@code IO_FAILURE}.</li>
 * </ul>
 *
 * <p><b>Credentials.</b> The SDK constructs this with its credential-free core client, the one
 * without the OpenApp authentication interceptors, so the OpenApp API key never reaches an image
 * host. As a second line of defence the fetcher removes every application and network
 * interceptor, the authenticators, the cookie jar and the cache from the client it derives
 * from; it sends only {@code Accept}, {@code Accept-Encoding: identity} and OkHttp's own
 * protocol headers. The connection pool, dispatcher, timeouts, TLS settings, socket factory
 * and event listener are shared with that client.
 *
 * <p><b>Through a proxy.</b> Without a proxy the fetcher connects directly, and the guard judges
 * both what DNS returns and the address the socket is actually connected to. When the client
 * has a proxy ({@code OpenAppClient.Builder.proxy}), every hop goes through it with the
 * client's proxy authenticator, and the proxy, not this machine, resolves the target's name
 * and opens the connection to it: the fetcher cannot see that address. So, on every hop and
 * before anything is sent, it resolves the target's host itself with the client's {@link Dns}
 * and refuses the hop if <em>any</em> address is refused (the proxy may pick any of them); an
 * IP literal is judged as it is; a name that does not resolve here is refused too
 * ({@code IO_FAILURE}), since it cannot be judged. What remains is a name whose records change
 * between this check and the proxy's own lookup (DNS rebinding): only the proxy's egress rules
 * can close that. Only a proxy set on the client counts (the builder's {@code proxy}, or
 * {@link OkHttpClient#proxy()} of a supplied client); a {@code ProxySelector}, such as the
 * JVM's system proxy properties, is not used for image fetches.
 *
 * <p>Instances are immutable and safe for concurrent use.
 */
public final class UrlImageFetcher {
    /** How many bytes are requested from the body per read: the "one chunk" the cap may be exceeded by. */
    static final int CHUNK_BYTES = 8192;

    private static final int SNIFF_BYTES = 12;
    private static final String ACCEPT = "image/jpeg, image/png, image/webp";
    /** The hosts OkHttp 4 treats as IP literals and resolves itself, bypassing {@link Dns}. */
    private static final Pattern OKHTTP_IP_LITERAL = Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");
    private static final Pattern URI_SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
    private static final Pattern UNSAFE_FILENAME_CHARS = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final int MAX_FILENAME_BASE = 100;

    private final OkHttpClient client;
    private final ImageFetchPolicy policy;
    /** Whether hops go through the client's proxy, which then resolves and connects. */
    private final boolean proxied;

    /**
     * Creates a fetcher deriving its HTTP client from {@code client}.
     *
     * <p>The derived client shares {@code client}'s connection pool and dispatcher, but follows
     * no redirects by itself, never retries, and carries none of {@code client}'s interceptors,
     * authenticators (but the proxy authenticator), cookies or cache. It uses {@code client}'s
     * proxy when one is set ({@link OkHttpClient#proxy()}), else connects directly. Pass the
     * SDK's credential-free core client.
     *
     * @param client the client to derive from
     * @param policy the limits and the address filter to enforce
     */
    public UrlImageFetcher(OkHttpClient client, ImageFetchPolicy policy) {
        Objects.requireNonNull(client, "client");
        this.policy = Objects.requireNonNull(policy, "policy");
        Proxy proxy = client.proxy();
        this.proxied = proxy != null && proxy.type() != Proxy.Type.DIRECT;
        OkHttpClient.Builder builder = client.newBuilder();
        builder.interceptors().clear();
        builder.networkInterceptors().clear();
        builder.followRedirects(false)
                .followSslRedirects(false)
                .retryOnConnectionFailure(false)
                .authenticator(Authenticator.NONE)
                .cookieJar(CookieJar.NO_COOKIES)
                .cache(null)
                .addNetworkInterceptor(SendMarker.INSTANCE); // hides a 503's Retry-After from OkHttp's own re-send
        if (proxied) {
            // OkHttp resolves only the proxy's own name, with the plain Dns; the target is judged
            // before each hop (checkHost, with that same Dns), and the socket leads to the proxy.
            builder.proxy(proxy).addNetworkInterceptor(ProxyAuth.STRIP_OUTSIDE_PROXY);
        } else {
            builder.proxy(Proxy.NO_PROXY)
                    .proxyAuthenticator(Authenticator.NONE)
                    .dns(addressFilteringDns(client.dns(), policy.allowAddress()))
                    .addNetworkInterceptor(connectedAddressGuard(policy.allowAddress()));
        }
        this.client = builder.build();
    }

    /**
     * Downloads the image at {@code url}, following redirects, and checks that it is a JPEG,
     * PNG or WebP image within the policy's limits.
     *
     * @param url an absolute {@code http} or {@code https} URL
     * @return the image, ready to upload: its bytes, their media type as identified from the
     *     bytes, and a file name: the last path segment of the URL the image came from, reduced to
     *     {@code [A-Za-z0-9._-]} with an extension that matches the content, or {@code image.<ext>}
     * @throws ImageSourceException if a rule of the policy is broken, the host answers with a
     *     status other than 2xx, or the download fails
     * @throws IllegalArgumentException if {@code url} has an http(s) scheme but is not a valid
     *     URL (for example, an invalid port)
     */
    public ImageUpload fetch(URI url) {
        Objects.requireNonNull(url, "url");
        HttpUrl current = entryUrl(url);
        long deadline = System.nanoTime() + policy.timeout().toNanos();
        int sent = 0;
        while (true) {
            checkHost(current, sent);
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw timedOut(current, sent);
            }
            Request request = new Request.Builder()
                    .url(current)
                    .header("Accept", ACCEPT)
                    .header("Accept-Encoding", "identity")
                    .build();
            Call call = client.newCall(request);
            call.timeout().timeout(remaining, TimeUnit.NANOSECONDS);
            try (Response response = call.execute()) {
                sent++;
                int code = response.code();
                if (isRedirect(code)) {
                    if (sent > policy.maxRedirects()) { // every response before this one was a redirect followed
                        throw new ImageSourceException(Reason.TOO_MANY_REDIRECTS,
                                "image at " + display(current) + " redirected more than "
                                        + policy.maxRedirects() + " times",
                                null, sent);
                    }
                    current = redirectTarget(response, current, sent);
                    continue;
                }
                if (code < 200 || code > 299) {
                    throw new ImageSourceException(code,
                            "image at " + display(current) + " answered HTTP " + code, sent);
                }
                return readImage(call, response, current, sent);
            } catch (IOException e) { // from call.execute(), before the request counts as sent
                throw failure(e, current, sent, sent + 1);
            }
        }
    }

    private static HttpUrl entryUrl(URI url) {
        String scheme = url.getScheme();
        if (scheme == null) {
            throw new ImageSourceException(Reason.SCHEME_NOT_ALLOWED,
                    "image URL must use http or https but had no scheme", null, 0);
        }
        String lower = checkScheme(scheme, "", 0);
        HttpUrl parsed = HttpUrl.parse(url.toString());
        if (parsed == null) {
            throw new IllegalArgumentException("image URL is not a valid " + lower + " URL");
        }
        return parsed;
    }

    /**
     * Refuses a scheme other than {@code http} and {@code https}.
     *
     * @param where what the message adds after the scheme, such as the redirect's origin
     * @return the scheme in lower case
     */
    private static String checkScheme(String scheme, String where, int sent) {
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            throw new ImageSourceException(Reason.SCHEME_NOT_ALLOWED,
                    "image URL must use http or https but was " + lower + where, null, sent);
        }
        return lower;
    }

    /**
     * Checks the host's addresses before anything is sent, in the two cases the filtering
     * {@link Dns} does not see. An IP-literal host is judged as it is: OkHttp resolves such hosts
     * itself (with the same {@link InetAddress#getByName} call, which does no lookup for a
     * literal) and never asks {@link Dns}. Before a hop through the proxy, which will resolve
     * the name itself, every address the name has here must be allowed, since the proxy may
     * connect to any of them.
     */
    private void checkHost(HttpUrl url, int sent) {
        String host = url.host();
        boolean literal = OKHTTP_IP_LITERAL.matcher(host).matches();
        if (!literal && !proxied) {
            return; // the filtering Dns and the connected-address guard judge it
        }
        List<InetAddress> addresses;
        try {
            // When proxied, the derived client keeps the given client's Dns.
            addresses = literal ? List.of(InetAddress.getByName(host)) : client.dns().lookup(host);
        } catch (UnknownHostException e) {
            throw failure(e, url, sent, sent);
        }
        List<InetAddress> refused = addresses.stream().filter(policy.allowAddress().negate()).toList();
        if (!refused.isEmpty()) {
            throw new ImageSourceException(Reason.ADDRESS_NOT_ALLOWED, refusedMessage(url, refused), null, sent);
        }
    }

    private static boolean isRedirect(int code) {
        return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
    }

    private static HttpUrl redirectTarget(Response response, HttpUrl current, int sent) {
        int code = response.code();
        String location = response.header("Location");
        if (location == null || location.isBlank()) {
            throw new ImageSourceException(code, "image at " + display(current) + " answered HTTP "
                    + code + " without a Location header", sent);
        }
        Matcher scheme = URI_SCHEME.matcher(location.strip());
        if (scheme.find()) {
            checkScheme(scheme.group(1), " (redirect from " + display(current) + ")", sent);
        }
        HttpUrl next = current.resolve(location.strip());
        if (next == null) {
            throw new ImageSourceException(code, "image at " + display(current) + " answered HTTP "
                    + code + " with a Location header that is not a valid URL", sent);
        }
        return next;
    }

    private ImageUpload readImage(Call call, Response response, HttpUrl url, int sent) {
        ResponseBody body = Objects.requireNonNull(response.body(), "body");
        long declaredLength = body.contentLength();
        if (declaredLength > policy.maxBytes()) {
            throw cancel(call, Reason.TOO_LARGE, tooLargeMessage(url) + " (Content-Length " + declaredLength + ")", sent);
        }
        MediaType declaredType = body.contentType();
        Buffer data = new Buffer();
        ImageType type = null;
        try {
            BufferedSource source = body.source();
            while (source.read(data, CHUNK_BYTES) != -1) {
                if (data.size() > policy.maxBytes()) {
                    throw cancel(call, Reason.TOO_LARGE, tooLargeMessage(url), sent);
                }
                if (type == null && data.size() >= SNIFF_BYTES) {
                    type = identify(data, declaredType, call, url, sent);
                }
            }
        } catch (IOException e) {
            throw failure(e, url, sent, sent);
        }
        if (type == null) {
            type = identify(data, declaredType, call, url, sent);
        }
        return ImageUpload.of(data.readByteArray(), type.mediaType, filename(url, type));
    }

    private String tooLargeMessage(HttpUrl url) {
        return "image at " + display(url) + " is larger than the " + policy.maxBytes() + "-byte cap";
    }

    /** Identifies the content by its first bytes and compares it with the declared type. */
    private static ImageType identify(Buffer data, MediaType declared, Call call, HttpUrl url, int sent) {
        ImageType sniffed = ImageType.sniff(data);
        if (sniffed == null) {
            throw cancel(call, Reason.UNSUPPORTED_CONTENT, "image at " + display(url)
                    + " is not a JPEG, PNG or WebP image (its first bytes match none of them)", sent);
        }
        if (declared != null && declared.type().equalsIgnoreCase("image")
                && !sniffed.subtypes.contains(declared.subtype().toLowerCase(Locale.ROOT))) {
            throw cancel(call, Reason.CONTENT_TYPE_MISMATCH, "image at " + display(url)
                    + " declares Content-Type image/" + declared.subtype().toLowerCase(Locale.ROOT)
                    + " but its bytes are " + sniffed.mediaType, sent);
        }
        return sniffed;
    }

    /** Cancels the call, so that no more of the body is read, and returns the refusal to throw. */
    private static ImageSourceException cancel(Call call, Reason reason, String message, int sent) {
        call.cancel();
        return new ImageSourceException(reason, message, null, sent);
    }

    /**
     * Translates an I/O failure: a refusal by the address guard, which stops a hop before a
     * request byte is written, or any other failure.
     *
     * @param sentBefore the requests sent before this hop
     * @param sentIfFailed the requests counted when the failure is not a refusal
     */
    private static ImageSourceException failure(IOException e, HttpUrl url, int sentBefore, int sentIfFailed) {
        AddressRefusedException refused = findRefusal(e, 0);
        if (refused != null) {
            return new ImageSourceException(Reason.ADDRESS_NOT_ALLOWED,
                    refusedMessage(url, refused.refused), refused, sentBefore);
        }
        String what = e instanceof InterruptedIOException ? " timed out (" : " failed (";
        return new ImageSourceException(Reason.IO_FAILURE,
                "fetching image at " + display(url) + what + e.getClass().getSimpleName() + ")", e, sentIfFailed);
    }

    private ImageSourceException timedOut(HttpUrl url, int sent) {
        InterruptedIOException cause = new InterruptedIOException(
                "time limit of " + policy.timeout().toMillis() + " ms reached");
        return new ImageSourceException(Reason.IO_FAILURE, "fetching image at " + display(url)
                + " timed out: the whole fetch may take at most " + policy.timeout().toMillis() + " ms",
                cause, sent);
    }

    private static AddressRefusedException findRefusal(Throwable t, int depth) {
        if (t == null || depth > 8) {
            return null;
        }
        if (t instanceof AddressRefusedException refused) {
            return refused;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            AddressRefusedException found = findRefusal(suppressed, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return t.getCause() == t ? null : findRefusal(t.getCause(), depth + 1);
    }

    private static String refusedMessage(HttpUrl url, List<InetAddress> refused) {
        String addresses = refused.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
        return "image URL " + display(url) + " leads to " + (addresses.isEmpty() ? "an unknown address" : addresses)
                + ", an address the fetch policy does not allow (by default only public addresses are;"
                + " private, loopback, link-local and cloud metadata addresses are refused)";
    }

    /** The URL without userinfo, query and fragment, for messages. */
    static String display(HttpUrl url) {
        return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
    }

    /**
     * A file name for the image: the last path segment of the URL it came from, reduced to
     * {@code [A-Za-z0-9._-]}, with an extension that matches the content; {@code image.<ext>}
     * when the URL has no usable last segment.
     */
    static String filename(HttpUrl url, ImageType type) {
        List<String> segments = url.pathSegments();
        String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
        String clean = UNSAFE_FILENAME_CHARS.matcher(last).replaceAll("_").replaceFirst("^[._]+", "");
        if (clean.isEmpty()) {
            return "image." + type.extensions.get(0);
        }
        int dot = clean.lastIndexOf('.');
        String base = dot >= 0 ? clean.substring(0, dot) : clean;
        String extension = dot >= 0 ? clean.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
        if (base.length() > MAX_FILENAME_BASE) {
            base = base.substring(0, MAX_FILENAME_BASE);
        }
        return base + "." + (type.extensions.contains(extension) ? extension : type.extensions.get(0));
    }

    /** The accepted image formats, with their magic bytes. */
    enum ImageType {
        JPEG("image/jpeg", List.of("jpg", "jpeg", "jpe", "jfif"), Set.of("jpeg", "jpg", "pjpeg")),
        PNG("image/png", List.of("png"), Set.of("png", "x-png")),
        WEBP("image/webp", List.of("webp"), Set.of("webp"));

        private static final ByteString JPEG_MAGIC = ByteString.of((byte) 0xFF, (byte) 0xD8, (byte) 0xFF);
        private static final ByteString PNG_MAGIC = ByteString.of(
                (byte) 0x89, (byte) 0x50, (byte) 0x4E, (byte) 0x47, (byte) 0x0D, (byte) 0x0A, (byte) 0x1A, (byte) 0x0A);
        private static final ByteString RIFF = ByteString.encodeUtf8("RIFF");
        private static final ByteString WEBP_TAG = ByteString.encodeUtf8("WEBP");

        final String mediaType;
        /** The file extensions of this format, the one given to an unnamed image first. */
        final List<String> extensions;
        /** Subtypes of a declared {@code image/*} type that agree with this format. */
        final Set<String> subtypes;

        ImageType(String mediaType, List<String> extensions, Set<String> subtypes) {
            this.mediaType = mediaType;
            this.extensions = extensions;
            this.subtypes = subtypes;
        }

        static ImageType sniff(Buffer data) {
            if (data.rangeEquals(0, JPEG_MAGIC)) {
                return JPEG;
            }
            if (data.rangeEquals(0, PNG_MAGIC)) {
                return PNG;
            }
            if (data.rangeEquals(0, RIFF) && data.rangeEquals(8, WEBP_TAG)) {
                return WEBP;
            }
            return null;
        }
    }

    /** Thrown inside OkHttp when the address policy refuses every address of a host. */
    static final class AddressRefusedException extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        final transient List<InetAddress> refused;

        AddressRefusedException(String host, List<InetAddress> refused) {
            super("every address of " + host + " is refused by the image fetch policy: "
                    + refused.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", ")));
            this.refused = List.copyOf(refused);
        }
    }

    /** Resolves with the delegate, then drops the addresses the policy refuses. */
    private static Dns addressFilteringDns(Dns delegate, Predicate<InetAddress> allowAddress) {
        Objects.requireNonNull(delegate, "delegate");
        return hostname -> {
            List<InetAddress> all = delegate.lookup(hostname);
            if (all.isEmpty()) {
                return all;
            }
            List<InetAddress> allowed = all.stream().filter(allowAddress).toList();
            if (allowed.isEmpty()) {
                throw new AddressRefusedException(hostname, all);
            }
            return allowed;
        };
    }

    /**
     * Checks the address the connection's socket is actually connected to before the request
     * is written; closes the connection if it is refused.
     */
    private static Interceptor connectedAddressGuard(Predicate<InetAddress> allowAddress) {
        return chain -> {
            Connection connection = chain.connection();
            if (connection == null) {
                throw new IOException("no connection to check the address of");
            }
            Socket socket = connection.socket();
            InetAddress remote = socket.getInetAddress();
            if (remote == null || !allowAddress.test(remote)) {
                try {
                    socket.close();
                } catch (IOException closeFailure) {
                    // The refusal below is what matters; a failed close changes nothing.
                }
                throw new AddressRefusedException(chain.request().url().host(),
                        remote == null ? List.of() : List.of(remote));
            }
            return chain.proceed(chain.request());
        };
    }

}

package house.openapp.sdk.internal;

import house.openapp.sdk.ApiResponse;
import house.openapp.sdk.CallListener;
import house.openapp.sdk.RequestOptions;
import house.openapp.sdk.errors.ClientClosedException;
import house.openapp.sdk.errors.OpenAppDecodingException;
import house.openapp.sdk.errors.OpenAppException;
import house.openapp.sdk.errors.OpenAppTimeoutException;
import house.openapp.sdk.generated.ApiClient;
import house.openapp.sdk.generated.api.MediaApi;
import house.openapp.sdk.generated.api.OrgsApi;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import retrofit2.Converter;
import retrofit2.Invocation;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One org context's view of the shared HTTP stack: the OkHttp client with this context's
 * interceptors, the generated services over it, and the execution of façade calls (per-call
 * options, decoding, error mapping, sync and async). Internal: not part of the SDK's API.
 */
public final class Transport {
    private static final Annotation[] NO_ANNOTATIONS = new Annotation[0];
    private static final MediaType JSON_TYPE = MediaType.get("application/json; charset=utf-8");
    private static final String MODEL_PACKAGE = "house.openapp.sdk.generated.model";

    private final Shared shared;
    private final HttpUrl apiRoot;
    private final ContextInterceptor context;
    private final CallEvents.Factory events;
    private final ApiClient apiClient;
    private final OkHttpClient http;
    private final OrgsApi orgsApi;
    /** Created on first use, shared by this context's views: most clients never send an image. */
    private final MediaService mediaApi;
    private final Map<Type, Converter<ResponseBody, ?>> converters;
    /** An absolute deadline on the client's clock every call of this view must meet, or 0. */
    private final long deadlineMillis;

    /**
     * Creates the view of one org context.
     *
     * @param shared the shared stack
     * @param apiRoot the API root, ending in {@code /}
     * @param context the network interceptor that adds credentials and this context's org
     * @param listener the client's call listener (the HTTP log among them), or {@code null}
     */
    public Transport(Shared shared, HttpUrl apiRoot, ContextInterceptor context, CallListener listener) {
        this.shared = shared;
        this.apiRoot = apiRoot;
        this.context = context;
        this.events = listener == null ? null : new CallEvents.Factory(listener, apiRoot);
        OkHttpClient.Builder builder = shared.core().newBuilder().addNetworkInterceptor(context).addNetworkInterceptor(SendMarker.INSTANCE);
        if (events != null) {
            builder.interceptors().add(0, events.operations()); // outside the RetryInterceptor: sees the whole call
            builder.addNetworkInterceptor(events.network()); // last: sees each request as written
        }
        this.apiClient = ApiClient.builder().baseUrl(apiRoot.toString()).okHttpClient(builder.build()).build();
        this.http = apiClient.getOkHttpClient();
        // the services' OkHttp calls are created when run: a façade call takes only the request from them
        retrofit2.Retrofit services = apiClient.getRetrofit().newBuilder().callFactory(DeferredCall.factory(http)).build();
        this.orgsApi = services.create(OrgsApi.class);
        this.mediaApi = new MediaService(services);
        this.converters = new ConcurrentHashMap<>();
        this.deadlineMillis = 0;
    }

    private Transport(Transport base, long deadlineMillis) {
        this.shared = base.shared;
        this.apiRoot = base.apiRoot;
        this.context = base.context;
        this.apiClient = base.apiClient;
        this.http = base.http;
        this.orgsApi = base.orgsApi;
        this.mediaApi = base.mediaApi;
        this.converters = base.converters;
        this.events = base.events;
        this.deadlineMillis = deadlineMillis;
    }

    /**
     * A view of this context whose calls together must end within {@code options}' timeout (or
     * the client's call timeout) from now: each call gets what is left, and one that would start
     * after the deadline fails at once. For operations made of several calls, such as
     * {@code getByName}.
     *
     * @param options the options whose timeout applies
     * @return the view
     */
    public Transport withOverallDeadline(RequestOptions options) {
        long timeout = options.timeout().map(Duration::toMillis).orElse(shared.callTimeoutMillis());
        return new Transport(this, shared.clock().millis() + timeout);
    }

    /**
     * The generated Orgs service of this context.
     *
     * @return the service
     */
    public OrgsApi orgsApi() {
        return orgsApi;
    }

    /**
     * The generated Media service of this context.
     *
     * @return the service
     */
    public MediaApi mediaApi() {
        return mediaApi.get();
    }

    /**
     * The generated Media service, created when first asked for: creating a Retrofit service
     * spins a proxy class and loads every type of its methods, start-up work a client that never
     * sends an image need not do before its first call.
     */
    private static final class MediaService {
        private final retrofit2.Retrofit services;
        private volatile MediaApi service;

        MediaService(retrofit2.Retrofit services) {
            this.services = services;
        }

        MediaApi get() {
            MediaApi created = service;
            if (created == null) {
                synchronized (this) {
                    created = service;
                    if (created == null) {
                        created = services.create(MediaApi.class);
                        service = created;
                    }
                }
            }
            return created;
        }
    }

    /**
     * The generated API client of this context.
     *
     * @return the client
     */
    public ApiClient apiClient() {
        return apiClient;
    }

    /**
     * The shared stack.
     *
     * @return the shared part
     */
    public Shared shared() {
        return shared;
    }

    /**
     * Runs a call built by a generated service, with a params object's extras merged in.
     *
     * @param call the unexecuted call; only its request is used
     * @param extras query parameters and body properties to merge into the request
     * @param type the body type
     * @param options per-call options
     * @param <T> the body type
     * @return the response
     */
    public <T> ApiResponse<T> execute(retrofit2.Call<?> call, RequestExtras extras, Type type, RequestOptions options) {
        return execute(extras.applyTo(call.request()), type, options);
    }

    /**
     * Runs a call built by a generated service, with a params object's extras merged in,
     * without holding a thread while waiting.
     *
     * @param call the unexecuted call; only its request is used
     * @param extras query parameters and body properties to merge into the request
     * @param type the body type
     * @param options per-call options
     * @param <T> the body type
     * @return a future of the response; cancelling it cancels the HTTP call
     */
    public <T> CompletableFuture<ApiResponse<T>> executeAsync(retrofit2.Call<?> call, RequestExtras extras, Type type,
                                                              RequestOptions options) {
        Request base;
        try {
            base = extras.applyTo(call.request());
        } catch (RuntimeException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        Request request = prepare(base, options);
        CallState state = request.tag(CallState.class);
        CallEvents operation = CallEvents.of(request);
        Call httpCall = http.newCall(request);
        CallFuture<ApiResponse<T>> future = new CallFuture<>(httpCall, operation);
        httpCall.enqueue(new Callback() {
            @Override
            public void onFailure(Call failed, IOException e) {
                state.releaseSlot();
                future.completeExceptionally(failure(e, request, state, operation));
            }

            @Override
            public void onResponse(Call done, Response response) {
                state.releaseSlot(); // the call is over and its connection back in the pool
                try {
                    future.complete(finish(response, type, state, base, options, operation));
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                }
            }
        });
        return future;
    }

    /**
     * The future of an asynchronous call: cancelling it cancels the HTTP call. A subclass rather
     * than a {@code whenComplete} stage, which cost a second future and a completion per call.
     */
    private static final class CallFuture<V> extends CompletableFuture<V> {
        private final Call httpCall;
        private final CallEvents operation;

        CallFuture(Call httpCall, CallEvents operation) {
            this.httpCall = httpCall;
            this.operation = operation;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                if (operation != null) {
                    try {
                        getNow(null);
                    } catch (java.util.concurrent.CancellationException failure) {
                        CallEvents.end(operation, failure); // before cancel(), whose onFailure would end it as a connection failure
                    }
                }
                httpCall.cancel();
            }
            return cancelled;
        }

        @Override
        public boolean completeExceptionally(Throwable failure) {
            boolean completed = super.completeExceptionally(failure);
            if (completed && failure instanceof java.util.concurrent.CancellationException) {
                CallEvents.end(operation, failure); // a cancellation by other means than cancel(): the same
                httpCall.cancel();
            }
            return completed;
        }
    }

    /**
     * Sends a request the generated layer does not describe, with the same credentials,
     * context, timeouts and retries; the body is returned as text.
     *
     * @param method the HTTP method
     * @param path a path relative to the API root, such as {@code orgs/01H.../image}
     * @param query query parameters, sent in order
     * @param jsonBody a JSON body, or {@code null}
     * @param options per-call options
     * @return the response with its body as text
     */
    public ApiResponse<String> raw(String method, String path, Map<String, String> query, String jsonBody, RequestOptions options) {
        Checks.relativePath("path", path);
        HttpUrl.Builder url = apiRoot.newBuilder().addPathSegments(path);
        query.forEach(url::addQueryParameter);
        RequestBody body = jsonBody == null ? null : RequestBody.create(jsonBody, JSON_TYPE);
        if (body == null && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"))) {
            body = RequestBody.create(new byte[0], null);
        }
        Request base = new Request.Builder().url(url.build()).method(method, body).build();
        return execute(base, String.class, options);
    }

    private <T> ApiResponse<T> execute(Request base, Type type, RequestOptions options) {
        Request request = prepare(base, options);
        CallState state = request.tag(CallState.class);
        CallEvents operation = CallEvents.of(request);
        Response response;
        try {
            response = execute(http.newCall(request), state);
        } catch (IOException e) {
            throw failure(e, request, state, operation);
        } catch (RuntimeException e) {
            CallEvents.end(operation, e);
            throw e;
        }
        return finish(response, type, state, base, options, operation);
    }

    /** Runs the call; once it is over (its connection back in the pool) its connection slot is given back. */
    private static Response execute(Call call, CallState state) throws IOException {
        try {
            return call.execute();
        } finally {
            state.releaseSlot();
        }
    }

    /** Handles a call's response and ends its operation with the outcome. */
    private <T> ApiResponse<T> finish(Response response, Type type, CallState state, Request base, RequestOptions options,
                                      CallEvents operation) {
        try (response) {
            ApiResponse<T> value = handle(response, type, state, base, options);
            CallEvents.end(operation, null);
            return value;
        } catch (RuntimeException e) {
            CallEvents.end(operation, e);
            throw e;
        }
    }

    /** Maps a call's failure and ends its operation with it. */
    private OpenAppException failure(IOException e, Request request, CallState state, CallEvents operation) {
        OpenAppException mapped = e instanceof ClientClosedIOException || shared.isClosed()
                ? new ClientClosedException(request.method() + " " + describe(request) + " was stopped: this OpenAppClient was closed",
                        e, state.attempts())
                : ErrorMapper.fromIo(e, request.method(), describe(request), state.attempts(), state.note());
        CallEvents.end(operation, mapped);
        return mapped;
    }

    private Request prepare(Request base, RequestOptions options) {
        if (shared.isClosed()) {
            throw new ClientClosedException("this OpenAppClient is closed: " + base.method() + " " + describe(base) + " was not sent",
                    null, 0);
        }
        checkArguments(base);
        long timeoutMillis = options.timeout().map(Duration::toMillis).orElse(0L); // kept by the RetryInterceptor's deadline
        if (deadlineMillis > 0) {
            long left = deadlineMillis - shared.clock().millis();
            if (left <= 0) {
                throw new OpenAppTimeoutException(base.method() + " " + describe(base) + " was not sent: the operation passed its deadline",
                        null, 0);
            }
            timeoutMillis = Math.min(left, timeoutMillis > 0 ? timeoutMillis : shared.callTimeoutMillis());
        }
        // A new builder rather than base.newBuilder(), which copies the tag map only to copy it again in build(): the
        // requests here carry no tag but Retrofit's Invocation (the generated services declare no @Tag parameter).
        // The headers go into the builder's own list (already validated: Retrofit and raw() built them with add()).
        Request.Builder builder = new Request.Builder().url(base.url()).method(base.method(), base.body());
        okhttp3.Headers baseHeaders = base.headers();
        for (int i = 0; i < baseHeaders.size(); i++) {
            builder.addHeader(baseHeaders.name(i), baseHeaders.value(i));
        }
        builder.tag(Invocation.class, base.tag(Invocation.class)); // none (raw()) sets none
        // execute() and the async callback give the connection slot back once the call is over
        builder.tag(CallState.class, new CallState(options.retryNonIdempotent(), timeoutMillis, true));
        Optional<String> org = options.org();
        header(builder, "X-Org", org);
        header(builder, "X-Correlation-Id", options.correlationId());
        header(builder, "X-OpenApp-Confirm", options.confirmationToken());
        for (Map.Entry<String, String> header : options.headers().entrySet()) {
            builder.header(header.getKey(), header.getValue());
        }
        context.applyTo(builder, base.url(), org.isPresent() || base.header("X-Org") != null);
        Request request = builder.build();
        return events == null ? request : events.start(request); // on the caller's thread, before any attempt
    }

    /** Sets a header to an option's value, if it has one (no lambdas: this runs on every call). */
    private static void header(Request.Builder builder, String name, Optional<String> value) {
        if (value.isPresent()) {
            builder.header(name, value.get());
        }
    }

    /**
     * Refuses a generated call whose arguments would not reach the server as given: a text
     * argument (path, query or header parameter) with a control character or an unpaired
     * surrogate, or a JSON body with an unpaired surrogate in any string (UTF-8 encoding would
     * silently turn it into {@code ?}).
     */
    private void checkArguments(Request base) {
        Invocation invocation = base.tag(Invocation.class);
        if (invocation == null) {
            return;
        }
        List<?> arguments = invocation.arguments();
        for (int i = 0; i < arguments.size(); i++) {
            Object argument = arguments.get(i);
            // the names of the messages are built only for a refusal: this runs on every call
            if (argument instanceof String text) {
                if (!Checks.isWireText(text)) {
                    Checks.wireText("argument " + (i + 1) + " of " + invocation.method().getName(), text);
                }
            } else if (argument instanceof Map<?, ?> query) {
                for (Map.Entry<?, ?> parameter : query.entrySet()) {
                    String value = String.valueOf(parameter.getValue());
                    if (!Checks.isWireText(value)) {
                        Checks.wireText("query parameter " + parameter.getKey() + " of " + invocation.method().getName(), value);
                    }
                }
            } else if (argument != null && argument.getClass().getPackageName().equals(MODEL_PACKAGE)) {
                Checks.wellFormed("argument " + (i + 1) + " of " + invocation.method().getName(), apiClient.getJSON().serialize(argument));
            }
        }
    }

    @SuppressWarnings("unchecked")
    private <T> ApiResponse<T> handle(Response response, Type type, CallState state, Request base, RequestOptions options) {
        if (!response.isSuccessful()) {
            throw ErrorMapper.fromResponse(response, state.attempts(),
                    token -> execute(base, type, options.toBuilder().confirmationToken(token).build()).value());
        }
        ResponseBody body = response.body();
        if (type == Void.class || response.code() == 204 || response.code() == 205 || body == null) {
            return new ApiResponse<>(response.code(), ResponseHeaders.of(response.headers()), null, state.attempts());
        }
        if (type == String.class) {
            try {
                return new ApiResponse<>(response.code(), ResponseHeaders.of(response.headers()), (T) body.string(), state.attempts());
            } catch (IOException e) {
                throw ErrorMapper.fromIo(e, response.request().method(), describe(response.request()), state.attempts(), null);
            }
        }
        MediaType contentType = body.contentType();
        if (contentType != null && !contentType.subtype().contains("json")) {
            throw undecodable("expected a JSON body but got " + contentType, "", null, response, state);
        }
        T value;
        try {
            value = (T) converter(type).convert(body);
        } catch (IOException | RuntimeException e) {
            String why = ErrorMapper.quote(String.valueOf(e.getMessage()));
            Throwable cause = e;
            if (!why.equals(String.valueOf(e.getMessage()))) {
                // the parser's message may quote a whole JSON element (megabytes): keep only its start
                cause = new com.google.gson.JsonParseException(e.getClass().getName() + ": " + why);
                cause.setStackTrace(e.getStackTrace());
            }
            throw undecodable("could not read the response body as " + type.getTypeName(), ": " + why, cause, response, state);
        }
        if (value == null) {
            throw undecodable("expected a JSON body but it was empty or null", "", null, response, state);
        }
        OrgIdentity.check(base, value, state.attempts());
        return new ApiResponse<>(response.code(), ResponseHeaders.of(response.headers()), value, state.attempts());
    }

    /** A decoding failure: {@code what}, the status and the attempts if several, then {@code why}. */
    private static OpenAppDecodingException undecodable(String what, String why, Throwable cause, Response response, CallState state) {
        String after = state.attempts() > 1 ? " after " + ErrorMapper.attempts(state.attempts()) : "";
        return new OpenAppDecodingException(what + " (HTTP " + response.code() + ")" + after + why, cause, response.code(),
                response.header("X-Request-Id"), state.attempts());
    }

    private Converter<ResponseBody, ?> converter(Type type) {
        Converter<ResponseBody, ?> known = converters.get(type); // no lambda on the common path
        return known != null ? known : converters.computeIfAbsent(type, t -> apiClient.getRetrofit().responseBodyConverter(t, NO_ANNOTATIONS));
    }

    private static String describe(Request request) {
        HttpUrl url = request.url();
        return url.scheme() + "://" + url.host() + ":" + url.port() + url.encodedPath();
    }

    /**
     * The part of the HTTP stack every org context shares: one OkHttp client (connection pool,
     * dispatcher, timeouts, retries) and whether it has been closed. Internal: not API.
     *
     * @param core the credential-free core client, with timeouts and the retry interceptor; also for
     *     traffic that is not to the API (such as fetching an image from a URL)
     * @param owned whether closing the SDK may shut its dispatcher and pool down
     * @param timer the call deadlines of the retry interceptor
     * @param lifecycle the closed flag the interceptors share
     * @param callTimeoutMillis the client's call timeout
     * @param clock the client's clock
     * @param maxPages how many pages one auto-paging walk may fetch
     */
    public record Shared(OkHttpClient core, boolean owned, DeadlineTimer timer, Lifecycle lifecycle, long callTimeoutMillis,
                         java.time.Clock clock, int maxPages) {
        /**
         * Releases the stack once: lets the deadline thread end, shuts down the dispatcher's
         * threads and evicts pooled connections when the SDK created the client; later calls
         * fail fast.
         */
        public void close() {
            if (lifecycle.close()) {
                timer.cancelAll(); // every call running through this client, synchronous or not
                timer.close();
                if (owned) {
                    core.dispatcher().cancelAll(); // the queued asynchronous ones too
                    core.dispatcher().executorService().shutdown();
                    core.connectionPool().evictAll();
                }
            }
        }

        /**
         * Whether {@link #close()} was called.
         *
         * @return true once closed
         */
        public boolean isClosed() {
            return lifecycle.isClosed();
        }
    }
}

package house.openapp.sdk.internal;

import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.Timeout;

import java.io.IOException;

/**
 * The call the SDK's generated services hand to Retrofit: OkHttp's call is created only when
 * this one is executed, enqueued or asked for its timeout. A façade call uses Retrofit for its
 * request only and runs its own OkHttp call, so the one Retrofit asked for was created and
 * never run on every call. Thread-safe, like OkHttp's. Internal: not part of the SDK's API.
 */
final class DeferredCall implements Call {
    private final OkHttpClient http;
    private final Request request;
    private Call delegate;
    private boolean canceled;

    private DeferredCall(OkHttpClient http, Request request) {
        this.http = http;
        this.request = request;
    }

    /**
     * The call factory of the SDK's services.
     *
     * @param http the client that runs the calls
     * @return the factory
     */
    static Call.Factory factory(OkHttpClient http) {
        return request -> new DeferredCall(http, request);
    }

    private synchronized Call delegate() {
        if (delegate == null) {
            delegate = http.newCall(request);
            if (canceled) {
                delegate.cancel();
            }
        }
        return delegate;
    }

    @Override
    public Request request() {
        return request;
    }

    @Override
    public Response execute() throws IOException {
        return delegate().execute();
    }

    @Override
    public void enqueue(Callback callback) {
        delegate().enqueue(callback);
    }

    @Override
    public void cancel() {
        Call created;
        synchronized (this) {
            canceled = true;
            created = delegate;
        }
        if (created != null) {
            created.cancel();
        }
    }

    @Override
    public synchronized boolean isExecuted() {
        return delegate != null && delegate.isExecuted();
    }

    @Override
    public synchronized boolean isCanceled() {
        return canceled || delegate != null && delegate.isCanceled();
    }

    @Override
    public Timeout timeout() {
        return delegate().timeout();
    }

    @Override
    public Call clone() {
        return new DeferredCall(http, request);
    }
}

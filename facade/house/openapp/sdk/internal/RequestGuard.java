package house.openapp.sdk.internal;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import retrofit2.Invocation;
import retrofit2.http.Path;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The first application interceptor of every call of a client, façade and generated layer
 * alike: it refuses calls once the client is closed, applies the façade's id rules to the path
 * parameters of generated calls (read from their Retrofit {@link Path} annotations, so no list
 * of operations is kept here), and percent-encodes {@code ;} in path segments, which Tomcat-
 * and Spring-style servers would otherwise read as the start of a path parameter and strip
 * (so that {@code ..;} would act as {@code ..}). Internal: not part of the SDK's API.
 */
public final class RequestGuard implements Interceptor {
    private final Lifecycle lifecycle;
    private final Map<Method, int[]> pathArguments = new ConcurrentHashMap<>();

    /**
     * Creates the guard.
     *
     * @param lifecycle the client's lifecycle
     */
    public RequestGuard(Lifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (lifecycle.isClosed()) {
            throw new ClientClosedIOException("this OpenAppClient is closed");
        }
        Request request = chain.request();
        Invocation invocation = request.tag(Invocation.class);
        if (invocation != null) {
            checkPathArguments(invocation);
        }
        HttpUrl url = request.url();
        if (hasSemicolon(url) && url.encodedPath().indexOf(';') >= 0) {
            request = request.newBuilder().url(encodePathParameters(url)).build();
        }
        return chain.proceed(request);
    }

    /**
     * The URL with {@code ;} percent-encoded in every path segment.
     *
     * @param url the URL
     * @return the URL a server reads as the same segments, with no path parameter
     */
    public static HttpUrl encodePathParameters(HttpUrl url) {
        HttpUrl.Builder builder = url.newBuilder();
        List<String> segments = url.encodedPathSegments();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (segment.indexOf(';') >= 0) {
                builder.setEncodedPathSegment(i, segment.replace(";", "%3B"));
            }
        }
        return builder.build();
    }

    /**
     * Whether a decoded path segment holds a {@code ;}: it does whenever the encoded path holds
     * one, and reading the URL's own list allocates nothing, unlike {@link HttpUrl#encodedPath()}.
     */
    private static boolean hasSemicolon(HttpUrl url) {
        List<String> segments = url.pathSegments();
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).indexOf(';') >= 0) {
                return true;
            }
        }
        return false;
    }

    private void checkPathArguments(Invocation invocation) throws RefusedRequestException {
        int[] indexes = pathArguments.computeIfAbsent(invocation.method(), method -> pathIndexes(method, path -> !path.encoded()));
        List<?> arguments = invocation.arguments();
        for (int index : indexes) {
            Object argument = arguments.get(index);
            if (argument instanceof String text && !Checks.isId(text)) { // the message's name is built only for a refusal
                try {
                    Checks.id("path parameter " + (index + 1) + " of " + invocation.method().getName(), text);
                } catch (IllegalArgumentException refused) {
                    throw new RefusedRequestException(refused);
                }
            }
        }
    }

    /**
     * The indexes of a generated method's parameters bound to a path segment by a {@link Path}
     * annotation that {@code which} accepts, in order.
     *
     * @param method the service method
     * @param which the test of the annotation
     * @return the indexes, possibly none
     */
    static int[] pathIndexes(Method method, Predicate<Path> which) {
        Annotation[][] annotations = method.getParameterAnnotations();
        int[] found = new int[annotations.length];
        int count = 0;
        for (int i = 0; i < annotations.length; i++) {
            for (Annotation annotation : annotations[i]) {
                if (annotation instanceof Path path && which.test(path)) {
                    found[count++] = i;
                }
            }
        }
        return java.util.Arrays.copyOf(found, count); // computed once per method: an empty copy costs nothing per call
    }
}

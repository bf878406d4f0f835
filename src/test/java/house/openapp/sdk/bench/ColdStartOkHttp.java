package house.openapp.sdk.bench;

import com.google.gson.Gson;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.Map;

/**
 * Benchmark 5, the baseline: a whole process that builds a raw {@code OkHttpClient}, fetches
 * one org and parses it with Gson into a small hand-written class, as a user without the SDK
 * would. Usage: {@code ColdStartOkHttp API_ROOT}.
 */
public final class ColdStartOkHttp {
    private ColdStartOkHttp() {
    }

    /** What a user would declare for the fields they read. */
    static final class Org {
        String id;
        Map<String, Map<String, String>> name;
    }

    /**
     * Fetches one org and prints its id.
     *
     * @param args the API root
     * @throws IOException on failure
     */
    public static void main(String[] args) throws IOException {
        OkHttpClient http = new OkHttpClient();
        Request request = new Request.Builder().url(args[0] + "orgs/" + BenchServer.ORG_ID)
                .header("X-API-Key", Clients.API_KEY).build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("HTTP " + response.code());
            }
            Org org = new Gson().fromJson(response.body().charStream(), Org.class);
            System.out.println(org.id + " " + org.name.get("value").get("en"));
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}

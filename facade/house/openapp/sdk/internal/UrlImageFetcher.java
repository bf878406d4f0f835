package house.openapp.sdk.internal;
public final class UrlImageFetcher {
  public UrlImageFetcher(okhttp3.OkHttpClient c, Policy p) {}
  public FetchedImage fetch(java.net.URI u) { throw new IllegalStateException(); }
  public record FetchedImage(byte[] bytes, String contentType, String filename) {}
  public static final class Policy { public static Builder builder() { return new Builder(); } public static final class Builder { public Policy build() { return new Policy(); } } }
}

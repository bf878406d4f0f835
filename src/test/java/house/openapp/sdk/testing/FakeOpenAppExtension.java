package house.openapp.sdk.testing;

import house.openapp.sdk.OpenAppClient;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JUnit 5 extension that gives each test method its own running {@link FakeOpenApp}, and an
 * {@link OpenAppClient} pointed at it with the fake's admin key, injected as parameters of the
 * test and of its {@code @BeforeEach}/{@code @AfterEach} methods (they all see the same
 * instances), and closes them after the test. Register it with
 * {@link WithFakeOpenApp} or {@code @ExtendWith(FakeOpenAppExtension.class)}.
 *
 * <p>What a parameter type resolves to is decided in one place, {@code create(Class, FakeOpenApp)};
 * supporting another type, such as a client already pointed at the fake, takes its class in
 * {@code SUPPORTED_TYPES} and one branch there. Whatever it creates that is
 * {@link AutoCloseable} is closed after the test, before the fake.
 */
public final class FakeOpenAppExtension implements ParameterResolver, AfterEachCallback {
  /** The parameter types this extension resolves. */
  static final Set<Class<?>> SUPPORTED_TYPES = Set.of(FakeOpenApp.class, OpenAppClient.class);

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeOpenAppExtension.class);

  /** Creates the extension; JUnit calls this. */
  public FakeOpenAppExtension() {
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    return SUPPORTED_TYPES.contains(parameterContext.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    if (extensionContext.getTestMethod().isEmpty()) {
      throw new ParameterResolutionException(type.getSimpleName() + " is created per test method: ask for it in a"
          + " @Test, @BeforeEach or @AfterEach method, not in a constructor or @BeforeAll method");
    }
    return extensionContext.getStore(NAMESPACE)
        .getOrComputeIfAbsent(TestResources.class, key -> new TestResources(), TestResources.class)
        .get(type);
  }

  @Override
  public void afterEach(ExtensionContext extensionContext) {
    TestResources resources = extensionContext.getStore(NAMESPACE).remove(TestResources.class, TestResources.class);
    if (resources != null) {
      resources.close();
    }
  }

  /**
   * Builds the value of a parameter of a supported type: the single place to extend.
   *
   * @param type a type from {@code SUPPORTED_TYPES}
   * @param fake the test's fake, already running
   * @return the value to inject
   */
  private static Object create(Class<?> type, FakeOpenApp fake) {
    if (type == FakeOpenApp.class) {
      return fake;
    }
    if (type == OpenAppClient.class) {
      return OpenAppClient.builder().apiKey(fake.apiKey()).build();
    }
    throw new ParameterResolutionException("FakeOpenAppExtension cannot resolve " + type.getName());
  }

  /** The fake of one test and whatever was created from it, closed in reverse order. */
  private static final class TestResources implements AutoCloseable {
    private final Map<Class<?>, Object> values = new HashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private FakeOpenApp fake;
    private boolean closed;

    synchronized Object get(Class<?> type) {
      if (closed) {
        throw new ParameterResolutionException("the test's FakeOpenApp is already closed");
      }
      Object value = values.get(type);
      if (value == null) {
        if (fake == null) {
          fake = FakeOpenApp.start();
        }
        value = create(type, fake);
        values.put(type, value);
        if (value != fake && value instanceof AutoCloseable closeable) {
          closeables.add(closeable);
        }
      }
      return value;
    }

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      RuntimeException failure = null;
      for (int i = closeables.size() - 1; i >= 0; i--) {
        try {
          closeables.get(i).close();
        } catch (Exception e) {
          failure = addFailure(failure, e);
        }
      }
      if (fake != null) {
        try {
          fake.close();
        } catch (RuntimeException e) {
          failure = addFailure(failure, e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    }

    private static RuntimeException addFailure(RuntimeException failure, Exception e) {
      if (failure == null) {
        return new IllegalStateException("closing the test's FakeOpenApp resources failed", e);
      }
      failure.addSuppressed(e);
      return failure;
    }
  }
}

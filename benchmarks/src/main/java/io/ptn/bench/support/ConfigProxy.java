package io.ptn.bench.support;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A {@code @ConfigMapping} interface answered from a map (keys are method paths: {@code "prices.streamEnabled"}), so
 * the services' classes can be built without CDI or a config source. Nested interfaces become nested proxies;
 * an unset {@code Optional}/{@code OptionalLong}/... is empty; any other unset method fails loudly.
 */
public final class ConfigProxy {

    private ConfigProxy() {
    }

    public static <T> T of(Class<T> type, Map<String, Object> values) {
        return type.cast(proxy(type, "", values));
    }

    private static Object proxy(Class<?> type, String prefix, Map<String, Object> values) {
        return Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "toString" -> "ConfigProxy(" + type.getSimpleName() + ")";
                    case "hashCode" -> System.identityHashCode(self);
                    case "equals" -> self == args[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                };
            }
            String key = prefix + m.getName();
            if (values.containsKey(key)) {
                return values.get(key);
            }
            Class<?> rt = m.getReturnType();
            if (rt.isInterface() && rt.getEnclosingClass() != null) {
                return proxy(rt, key + ".", values);
            }
            if (rt == Optional.class) {
                return Optional.empty();
            }
            if (rt == OptionalLong.class) {
                return OptionalLong.empty();
            }
            if (rt == OptionalInt.class) {
                return OptionalInt.empty();
            }
            if (rt == OptionalDouble.class) {
                return OptionalDouble.empty();
            }
            if (m.isDefault()) {
                return InvocationHandler.invokeDefault(self, m, args);
            }
            throw new IllegalStateException("benchmark config has no value for " + key + " (" + describe(m) + ")");
        });
    }

    private static String describe(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }
}

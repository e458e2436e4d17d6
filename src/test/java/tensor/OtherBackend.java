package tensor;

import java.lang.reflect.Proxy;

/** Test support: a second backend, distinct from the CPU one, whose only job is to be named "other". */
final class OtherBackend {
    private OtherBackend() {}

    static Backend create() {
        return (Backend) Proxy.newProxyInstance(Backend.class.getClassLoader(), new Class<?>[] {Backend.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "name" -> "other";
                    case "supports" -> true;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "other";
                    default -> throw new UnsupportedOperationException("other backend: " + method.getName());
                });
    }

    static Storage storage(Backend backend, DType dtype, int numel) {
        return new Storage(dtype, numel) {
            @Override
            public Backend backend() {
                return backend;
            }

            @Override
            protected void free() {}
        };
    }
}

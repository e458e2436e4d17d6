package tensor.io;

import java.util.Optional;
import tensor.DType;

/**
 * The element types a safetensors header may name, with their sizes in bits (as the reference
 * implementation defines them), and the Zoetrope {@link DType} each maps to where there is one.
 * Knowing every name lets the reader check the layout of any valid file and then say precisely
 * which tensor has a dtype this framework cannot hold.
 */
enum SafetensorsDType {
    BOOL(8, null), U8(8, null), I8(8, null), F8_E5M2(8, null), F8_E4M3(8, null), F8_E8M0(8, null),
    F4(4, null), F6_E2M3(6, null), F6_E3M2(6, null),
    I16(16, null), U16(16, null), F16(16, null), BF16(16, null),
    I32(32, DType.I32), U32(32, null), F32(32, DType.F32),
    I64(64, null), U64(64, null), F64(64, DType.F64),
    C64(64, null);

    private final int bits;
    private final DType zoetrope;

    SafetensorsDType(int bits, DType zoetrope) {
        this.bits = bits;
        this.zoetrope = zoetrope;
    }

    int bits() {
        return bits;
    }

    /** The Zoetrope dtype, or empty when this framework has none (F16, BF16, I64, …). */
    Optional<DType> zoetrope() {
        return Optional.ofNullable(zoetrope);
    }

    static Optional<SafetensorsDType> named(String name) {
        for (SafetensorsDType d : values()) {
            if (d.name().equals(name)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    static SafetensorsDType of(DType dtype) {
        return switch (dtype) {
            case F32 -> F32;
            case F64 -> F64;
            case I32 -> I32;
        };
    }
}

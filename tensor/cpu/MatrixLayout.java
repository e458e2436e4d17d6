package tensor.cpu;

/**
 * Where the elements of a matrix lie in a flat array: element {@code (i, j)} is at
 * {@code offset + i·rowStride + j·colStride}. A row-major matrix has {@code colStride = 1}; its
 * transpose is the same array read with the two strides swapped, so transposed operands need no copy.
 *
 * @param offset    index of element (0, 0)
 * @param rowStride distance between consecutive rows
 * @param colStride distance between consecutive columns
 */
record MatrixLayout(int offset, int rowStride, int colStride) {

    /** A row-major matrix with {@code cols} columns starting at {@code offset}. */
    static MatrixLayout rowMajor(int offset, int cols) {
        return new MatrixLayout(offset, cols, 1);
    }

    /** The transpose: the same elements with rows and columns swapped. */
    MatrixLayout transposed() {
        return new MatrixLayout(offset, colStride, rowStride);
    }

    /** The sub-matrix whose element (0, 0) is this matrix's element {@code (row, col)}. */
    MatrixLayout shifted(int row, int col) {
        return new MatrixLayout(at(row, col), rowStride, colStride);
    }

    /** The same matrix {@code delta} elements further along the array (the next item of a batch). */
    MatrixLayout movedBy(int delta) {
        return new MatrixLayout(offset + delta, rowStride, colStride);
    }

    /** Array index of element {@code (i, j)}. */
    int at(int i, int j) {
        return offset + i * rowStride + j * colStride;
    }
}

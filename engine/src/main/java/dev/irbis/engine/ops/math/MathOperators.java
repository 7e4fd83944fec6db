package dev.irbis.engine.ops.math;

import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.kernels.elementwise.FloatUnary;
import dev.irbis.kernels.reduce.FloatReduce;

/** Registers the elementwise, reduction and matrix operators. */
public final class MathOperators {
    private MathOperators() {
    }

    public static void registerAll(OperatorRegistry r) {
        r.register("Relu", 1, Relu::new);
        r.register("LeakyRelu", 1, LeakyRelu::new);
        r.register("Clip", 1, Clip::new);

        r.register("Sigmoid", 1, UnaryMath.factory(FloatUnary.Fn.SIGMOID));
        r.register("Tanh", 1, UnaryMath.factory(FloatUnary.Fn.TANH));
        r.register("Erf", 9, UnaryMath.factory(FloatUnary.Fn.ERF));
        r.register("Sqrt", 1, UnaryMath.factory(FloatUnary.Fn.SQRT));
        r.register("Reciprocal", 1, UnaryMath.factory(FloatUnary.Fn.RECIPROCAL));
        r.register("Neg", 1, UnaryMath.factory(FloatUnary.Fn.NEG));
        r.register("Abs", 1, UnaryMath.factory(FloatUnary.Fn.ABS));
        r.register("Exp", 1, UnaryMath.factory(FloatUnary.Fn.EXP));

        r.register("Add", 1, BinaryMath.factory(ArithmeticOp.ADD));
        r.register("Sub", 1, BinaryMath.factory(ArithmeticOp.SUB));
        r.register("Mul", 1, BinaryMath.factory(ArithmeticOp.MUL));
        r.register("Div", 1, BinaryMath.factory(ArithmeticOp.DIV));
        r.register("Pow", 1, BinaryMath.factory(ArithmeticOp.POW));

        r.register("Sum", 1, VariadicMath.factory(ArithmeticOp.ADD));
        r.register("Mean", 1, VariadicMath.mean());
        r.register("Max", 1, VariadicMath.factory(ArithmeticOp.MAX));
        r.register("Min", 1, VariadicMath.factory(ArithmeticOp.MIN));

        r.register("ReduceMean", 1, Reduce.factory(FloatReduce.Kind.MEAN, 18));
        r.register("ReduceSum", 1, Reduce.factory(FloatReduce.Kind.SUM, 13));

        r.register("Gemm", 1, Gemm::new);
        r.register("MatMul", 1, MatMul::new);
        r.register("Softmax", 1, Softmax.factory(false));
        r.register("LogSoftmax", 1, Softmax.factory(true));
        r.register("ArgMax", 1, ArgMax::new);

        // Cheap extras used by the conformance '_expanded' function bodies.
        r.register("Log", 1, UnaryMath.factory(FloatUnary.Fn.LOG));
        r.register("Floor", 1, UnaryMath.factory(FloatUnary.Fn.FLOOR));
        r.register("Ceil", 1, UnaryMath.factory(FloatUnary.Fn.CEIL));
        r.register("ReduceMax", 1, Reduce.factory(FloatReduce.Kind.MAX, 18));
        r.register("ReduceMin", 1, Reduce.factory(FloatReduce.Kind.MIN, 18));
        r.register("Equal", 1, Comparison.factory(Comparison.Kind.EQUAL));
        r.register("Less", 1, Comparison.factory(Comparison.Kind.LESS));
        r.register("Greater", 1, Comparison.factory(Comparison.Kind.GREATER));
        r.register("LessOrEqual", 12, Comparison.factory(Comparison.Kind.LESS_OR_EQUAL));
        r.register("GreaterOrEqual", 12, Comparison.factory(Comparison.Kind.GREATER_OR_EQUAL));
        r.register("Where", 9, Where::new);
        r.register("Not", 1, Not::new);
    }
}

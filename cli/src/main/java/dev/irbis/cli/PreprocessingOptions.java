package dev.irbis.cli;

import dev.irbis.engine.api.ChannelOrder;
import dev.irbis.engine.api.Interpolation;
import dev.irbis.engine.api.Preprocessing;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The image preprocessing flags shared by {@code classify} and {@code features}: a preset, and
 * overrides for models that need their own recipe (MNIST, CIFAR-10, ...). When only overrides are
 * given, they apply to a neutral recipe (RGB, stretch, /255, mean 0, std 1) rather than to
 * torchvision's, so that {@code --channels gray --scale 1} does not inherit three ImageNet means.
 */
final class PreprocessingOptions {
    enum Preset {
        torchvision, caffe, bit, unit;

        Preprocessing recipe() {
            return switch (this) {
                case torchvision -> Preprocessing.torchvision();
                case caffe -> Preprocessing.caffe();
                case bit -> Preprocessing.bit();
                case unit -> Preprocessing.unit();
            };
        }
    }

    enum Channels { rgb, bgr, gray }

    @Option(names = "--preset", paramLabel = "P",
            description = "Preprocessing preset: ${COMPLETION-CANDIDATES} (default: torchvision, unless only the custom"
                    + " flags below are given). torchvision: torchvision/timm ImageNet models and the ONNX zoo ResNets;"
                    + " caffe: Keras ResNet50 (BGR, mean subtracted); bit: BiT models ([-1, 1]); unit: TF Hub models ([0, 1]).")
    Preset preset;

    @Option(names = "--size", paramLabel = "S|HxW",
            description = "Image size to feed when the model's input resolution is dynamic (it must agree with fixed dims).")
    String size;

    @Option(names = "--channels", paramLabel = "C", description = "Channel order the model expects: ${COMPLETION-CANDIDATES}.")
    Channels channels;

    @Option(names = "--resize", paramLabel = "N|stretch",
            description = "N: resize the shorter side to N, then centre-crop (to --crop, or the model's size);"
                    + " stretch: resize the whole image to the model's size, ignoring the aspect ratio.")
    String resize;

    @Option(names = "--crop", paramLabel = "C", description = "Centre crop size after --resize N.")
    Integer crop;

    @Option(names = "--interpolation", paramLabel = "I", description = "Resampling filter: ${COMPLETION-CANDIDATES}.")
    Interpolation interpolation;

    @Option(names = "--scale", paramLabel = "F", description = "Each 0..255 pixel is multiplied by F first (e.g. 1, 1/255).")
    String scale;

    @Option(names = "--mean", paramLabel = "M[,M,M]", split = ",",
            description = "Subtracted after scaling: one value, or one per channel in the model's channel order.")
    List<Float> mean;

    @Option(names = "--std", paramLabel = "S[,S,S]", split = ",", description = "Divides after the mean: one value or one per channel.")
    List<Float> std;

    private boolean customised() {
        return channels != null || resize != null || crop != null || interpolation != null || scale != null
                || mean != null || std != null;
    }

    /** The recipe the flags describe; a contradiction is a usage error. */
    Preprocessing build(CommandLine cmd) {
        Preprocessing base = preset != null ? preset.recipe() : customised() ? Preprocessing.builder().name("custom").build()
                : Preprocessing.torchvision();
        if (!customised()) {
            return base;
        }
        try {
            Preprocessing.Builder b = base.toBuilder().name(preset != null ? preset.name() + "+custom" : "custom");
            if (channels != null) {
                b.channels(switch (channels) {
                    case rgb -> ChannelOrder.RGB;
                    case bgr -> ChannelOrder.BGR;
                    case gray -> ChannelOrder.GRAY;
                });
            }
            if (resize != null) {
                if (resize.equalsIgnoreCase("stretch")) {
                    if (crop != null) {
                        throw new IllegalArgumentException("--crop goes with --resize N, not with --resize stretch");
                    }
                    b.stretchTo(base.defaultHeight(), base.defaultWidth());
                } else {
                    int n = parseInt(cmd, "--resize", resize);
                    int c = crop != null ? crop : Math.min(n, Math.min(base.defaultHeight(), base.defaultWidth()));
                    b.resizeShorterSide(n).centreCrop(c);
                }
            } else if (crop != null) {
                if (base.resizeMode() != Preprocessing.ResizeMode.SHORTER_SIDE_THEN_CROP) {
                    throw new IllegalArgumentException("--crop needs --resize N (this recipe stretches the image)");
                }
                b.centreCrop(crop);
            }
            if (interpolation != null) {
                b.interpolation(interpolation);
            }
            if (scale != null) {
                b.scale(parseScale(cmd, scale));
            }
            if (mean != null) {
                b.mean(toArray(mean));
            } else if (channels != null && base.mean().length != channelCount()) {
                b.mean(0f); // the preset's per-channel means cannot apply to another channel count
            }
            if (std != null) {
                b.std(toArray(std));
            } else if (channels != null && base.std().length != channelCount()) {
                b.std(1f);
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cmd, "preprocessing: " + e.getMessage());
        }
    }

    private int channelCount() {
        return switch (channels) {
            case gray -> 1;
            case rgb, bgr -> 3;
        };
    }

    /** {@code --size} as {height, width}, or null. */
    int[] size(CommandLine cmd) {
        if (size == null) {
            return null;
        }
        String[] parts = size.toLowerCase(Locale.ROOT).split("x", -1);
        if (parts.length > 2) {
            throw new CommandLine.ParameterException(cmd, "--size takes S or HxW, got '" + size + "'");
        }
        int h = parseInt(cmd, "--size", parts[0]);
        int w = parts.length == 2 ? parseInt(cmd, "--size", parts[1]) : h;
        return new int[] {h, w};
    }

    private static int parseInt(CommandLine cmd, String option, String v) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(cmd, option + " needs a positive whole number, got '" + v + "'");
        }
    }

    /** A number or a fraction such as 1/255. */
    static float parseScale(CommandLine cmd, String v) {
        try {
            int slash = v.indexOf('/');
            return slash < 0 ? Float.parseFloat(v.strip())
                    : (float) (Double.parseDouble(v.substring(0, slash).strip()) / Double.parseDouble(v.substring(slash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(cmd, "--scale needs a number or a fraction such as 1/255, got '" + v + "'");
        }
    }

    private static float[] toArray(List<Float> v) {
        float[] a = new float[v.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = v.get(i);
        }
        return a;
    }
}

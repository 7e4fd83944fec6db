package dev.irbis.kernels.conv;

/**
 * The two Winograd algorithms {@link WinogradConv} runs for 3x3 kernels, F(m x m, 3x3): each m x m block of
 * outputs comes from an (m + 2) x (m + 2) input tile with (m + 2)^2 products per channel pair instead of 9 m^2.
 */
public enum WinogradTile {
    /** F(4x4, 3x3): 36 products per 16 outputs (4x fewer multiplies than direct), the usual choice. */
    F4X4(4),
    /**
     * F(2x2, 3x3): 16 products per 4 outputs (2.25x fewer), for small maps where F(4x4)'s tiles would be mostly
     * padding (a 7x7 map is 16 tiles here, a whole vector, against 4 there); its float error is smaller too.
     */
    F2X2(2);

    /** Outputs per tile side (m). */
    public final int out;
    /** Inputs per tile side (m + 2). */
    public final int in;
    /** Tile positions, one product each: (m + 2)^2. */
    public final int positions;

    WinogradTile(int out) {
        this.out = out;
        this.in = out + 2;
        this.positions = in * in;
    }
}

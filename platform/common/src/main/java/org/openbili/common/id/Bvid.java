package org.openbili.common.id;

/**
 * The public address of a video: "BV1" followed by eleven base58 digits of the scrambled 63-bit id, in the
 * manner of Bilibili's bvid. Reversible, so nothing has to be looked up to find the row.
 */
public final class Bvid {

    private static final String ALPHABET = "FcwAPNKTMug3GV5Lj7EJnHpWsx4tb8haYeviqBz6rkCy12mUSDQX9RdoZf";
    private static final String PREFIX = "BV1";
    private static final int DIGITS = 11;
    private static final long XOR_KEY = 0x1A2B_5D7C_93E4_F061L;
    /** Where the i-th least significant digit goes, so neighbouring ids do not share a visible suffix. */
    private static final int[] POSITION = {9, 6, 3, 0, 10, 7, 4, 1, 8, 5, 2};

    private static final int[] INDEX = new int[128];

    static {
        java.util.Arrays.fill(INDEX, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            INDEX[ALPHABET.charAt(i)] = i;
        }
    }

    private Bvid() {}

    public static String encode(long id) {
        if (id < 0) {
            throw new IllegalArgumentException("id must not be negative: " + id);
        }
        long value = id ^ XOR_KEY;
        char[] digits = new char[DIGITS];
        for (int i = 0; i < DIGITS; i++) {
            digits[POSITION[i]] = ALPHABET.charAt((int) (value % 58));
            value /= 58;
        }
        return PREFIX + new String(digits);
    }

    /** The id behind a bvid; {@link IllegalArgumentException} when the text is not one this class made. */
    public static long decode(String bvid) {
        if (bvid == null || bvid.length() != PREFIX.length() + DIGITS || !bvid.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not a bvid: " + bvid);
        }
        long value = 0;
        try {
            for (int i = DIGITS - 1; i >= 0; i--) {
                char c = bvid.charAt(PREFIX.length() + POSITION[i]);
                int digit = c < 128 ? INDEX[c] : -1;
                if (digit < 0) {
                    throw new IllegalArgumentException("not a bvid: " + bvid);
                }
                value = Math.addExact(Math.multiplyExact(value, 58), digit);
            }
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException("not a bvid: " + bvid);
        }
        return value ^ XOR_KEY;
    }

    public static boolean isValid(String bvid) {
        try {
            decode(bvid);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}

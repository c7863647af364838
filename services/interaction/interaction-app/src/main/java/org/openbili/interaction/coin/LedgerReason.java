package org.openbili.interaction.coin;

/** Why a balance changed. */
enum LedgerReason {
    /** 10 coins for a new account. */
    SIGN_UP,
    /** 1 coin for the first sign-in of a day. */
    DAILY_SIGN_IN,
    /** Coins thrown at a video. */
    VIDEO
}

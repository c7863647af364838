package org.openbili.common.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** Logback's pattern layout with the secrets taken out of each whole line, its stack trace included. */
public class MaskingPatternLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        return SecretMasker.mask(super.doLayout(event));
    }
}

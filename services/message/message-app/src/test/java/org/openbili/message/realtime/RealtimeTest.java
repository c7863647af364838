package org.openbili.message.realtime;

import org.openbili.message.support.MessageServiceTest;

/** The message service with its WebSocket. Subclasses add {@code @Infrastructure}. */
abstract class RealtimeTest extends MessageServiceTest {}

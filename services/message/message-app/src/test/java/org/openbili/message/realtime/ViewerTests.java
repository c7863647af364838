package org.openbili.message.realtime;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.SessionLimitExceededException;

class ViewerTests {

    @Test
    void aViewerTooSlowToTakeFramesIsDisconnectedWithoutFailingTheSender() throws Exception {
        WebSocketSession session = mock(WebSocketSession.class);
        when(session.isOpen()).thenReturn(true);
        doThrow(new SessionLimitExceededException("send time exceeded", CloseStatus.SESSION_NOT_RELIABLE))
                .when(session)
                .sendMessage(any());
        Viewer viewer = new Viewer(session, 1, null);

        // the fan-out lane or the handler sending a reply goes on to the next viewer or frame
        assertThatCode(() -> viewer.send(new TextMessage("{\"op\":\"pong\"}"))).doesNotThrowAnyException();
        verify(session).close(CloseStatus.SESSION_NOT_RELIABLE);
    }
}

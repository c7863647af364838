package org.openbili.message.chat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.openbili.common.page.Cursor;
import org.openbili.common.page.CursorPage;
import org.openbili.message.block.Blocks;
import org.openbili.message.unread.UnreadCounts;
import org.openbili.message.users.UserCards;
import org.openbili.security.AuthUser;
import org.openbili.user.api.UserCard;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 我的消息: the conversations list, one conversation's messages, sending, and reading. */
@RestController
class ConversationController {

    private final Conversations conversations;
    private final Messaging messaging;
    private final Blocks blocks;
    private final UserCards cards;
    private final UnreadCounts unread;

    ConversationController(
            Conversations conversations, Messaging messaging, Blocks blocks, UserCards cards, UnreadCounts unread) {
        this.conversations = conversations;
        this.messaging = messaging;
        this.blocks = blocks;
        this.cards = cards;
        this.unread = unread;
    }

    /** A conversation in the list: with whom, the latest message, how many I have not read, whether I blocked them. */
    record ConversationView(UserCard peer, MessageView lastMessage, int unread, boolean blocked) {}

    /** A page of one conversation, with the other user and how far they have read my messages. */
    record MessagePage(
            List<MessageView> items, String nextCursor, UserCard peer, boolean blocked, String peerReadUpTo) {}

    record SendRequest(String text) {}

    @GetMapping("/api/v1/conversations")
    CursorPage<ConversationView> list(
            AuthUser user,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        int pageSize = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 1);
        CursorPage<ConversationRow> page = CursorPage.of(
                conversations.list(user.uid(), after == null ? null : after[0], pageSize + 1),
                pageSize,
                row -> Cursor.encode(row.lastMessageId()));
        List<Long> peerIds = page.items().stream().map(ConversationRow::peer).toList();
        Map<Long, UserCard> peers = cards.of(peerIds);
        Map<Long, StoredMessage> last =
                conversations
                        .byIds(page.items().stream()
                                .map(ConversationRow::lastMessageId)
                                .toList())
                        .stream()
                        .collect(Collectors.toMap(StoredMessage::id, Function.identity()));
        Map<Long, Long> peerReads = conversations.readByPeers(user.uid(), peerIds);
        Set<Long> blocked = blocks.blockedAmong(user.uid(), peerIds);
        return new CursorPage<>(
                page.items().stream()
                        .map(row -> {
                            StoredMessage message = last.get(row.lastMessageId());
                            boolean read = message.from() == user.uid()
                                    ? peerReads.getOrDefault(row.peer(), 0L) >= message.id()
                                    : row.readUpTo() >= message.id();
                            return new ConversationView(
                                    peers.get(row.peer()),
                                    MessageView.of(message, read),
                                    row.unread(),
                                    blocked.contains(row.peer()));
                        })
                        .toList(),
                page.nextCursor());
    }

    @GetMapping("/api/v1/conversations/{uid}/messages")
    MessagePage messages(
            AuthUser user,
            @PathVariable long uid,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer size) {
        int pageSize = Cursor.size(size);
        long[] after = Cursor.decode(cursor, 1);
        CursorPage<StoredMessage> page = CursorPage.of(
                conversations.messages(user.uid(), uid, after == null ? null : after[0], pageSize + 1),
                pageSize,
                message -> Cursor.encode(message.id()));
        long mineReadUpTo = conversations
                .side(user.uid(), uid)
                .map(ConversationRow::readUpTo)
                .orElse(0L);
        long peerReadUpTo = conversations
                .side(uid, user.uid())
                .map(ConversationRow::readUpTo)
                .orElse(0L);
        List<MessageView> items = page.items().stream()
                .map(m -> MessageView.of(m, m.from() == user.uid() ? m.id() <= peerReadUpTo : m.id() <= mineReadUpTo))
                .toList();
        return new MessagePage(
                items, page.nextCursor(), cards.of(uid), blocks.blocked(user.uid(), uid), Long.toString(peerReadUpTo));
    }

    @PostMapping("/api/v1/conversations/{uid}/messages")
    ResponseEntity<MessageView> send(AuthUser user, @PathVariable long uid, @RequestBody SendRequest request) {
        StoredMessage sent = messaging.send(user.uid(), uid, request == null ? null : request.text());
        return ResponseEntity.created(URI.create("/api/v1/conversations/" + uid + "/messages"))
                .body(MessageView.of(sent, false));
    }

    /** I read the conversation: my unread for it is 0, the other side sees its messages read. */
    @PostMapping("/api/v1/conversations/{uid}/read")
    Map<String, Long> read(AuthUser user, @PathVariable long uid) {
        messaging.read(user.uid(), uid);
        return unread.of(user.uid());
    }
}

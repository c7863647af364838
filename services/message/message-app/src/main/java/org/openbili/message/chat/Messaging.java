package org.openbili.message.chat;

import java.util.Map;
import org.openbili.common.problem.ApiException;
import org.openbili.message.block.Blocks;
import org.openbili.message.realtime.UserPush;
import org.openbili.message.unread.UnreadCounts;
import org.openbili.message.users.FollowGraph;
import org.openbili.message.users.UserCards;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending and reading private messages under Bilibili's rules: nobody writes to themselves or to someone who blocked
 * them (a 403 that does not say why), and until the receiver follows the sender or answers, the sender may send one
 * message only. Both sides' sockets (the sender's other tabs too) get the message at once, and a reader's receipt
 * reaches the sender.
 */
@Component
class Messaging {

    private final Conversations conversations;
    private final Blocks blocks;
    private final FollowGraph graph;
    private final UserCards cards;
    private final SendLimiter limiter;
    private final UnreadCounts unread;
    private final UserPush push;
    private final TransactionTemplate transactions;

    Messaging(
            Conversations conversations,
            Blocks blocks,
            FollowGraph graph,
            UserCards cards,
            SendLimiter limiter,
            UnreadCounts unread,
            UserPush push,
            TransactionTemplate transactions) {
        this.conversations = conversations;
        this.blocks = blocks;
        this.graph = graph;
        this.cards = cards;
        this.limiter = limiter;
        this.unread = unread;
        this.push = push;
        this.transactions = transactions;
    }

    StoredMessage send(long from, long to, String rawText) {
        String text = MessageText.check(rawText);
        if (from == to) {
            throw ApiException.badRequest("CANNOT_MESSAGE_YOURSELF", "不能给自己发私信").withField("uid", "不能是你自己");
        }
        if (!cards.exists(to)) {
            throw ApiException.notFound("USER_NOT_FOUND", "没有这个用户：" + to);
        }
        limiter.hit(from);
        // Whether the receiver follows the sender is asked before the transaction, and only when it could matter.
        Boolean followed = mayNeedFollow(from, to) ? graph.follows(to, from) : null;
        StoredMessage sent = transactions.execute(status -> {
            if (blocks.blocked(to, from)) {
                throw ApiException.forbidden("MESSAGE_REFUSED", "无法向对方发送私信");
            }
            if (blocks.blocked(from, to)) {
                throw ApiException.forbidden("PEER_BLOCKED", "你已将对方拉黑，解除后才能发私信");
            }
            ConversationRow mine = conversations.lockSide(from, to);
            ConversationRow theirs = conversations.side(to, from).orElseThrow();
            if (mine.sent() >= 1 && theirs.sent() == 0) {
                boolean follows = followed != null ? followed : graph.follows(to, from);
                if (!follows) {
                    throw ApiException.forbidden("REPLY_REQUIRED", "对方回复或关注你之前，你只能发送一条私信");
                }
            }
            return conversations.add(from, to, text);
        });
        announce(sent);
        return sent;
    }

    private boolean mayNeedFollow(long from, long to) {
        int mine = conversations.side(from, to).map(ConversationRow::sent).orElse(0);
        int theirs = conversations.side(to, from).map(ConversationRow::sent).orElse(0);
        return mine >= 1 && theirs == 0;
    }

    /** The message to both sides: each is told who the other one is and their own unread counts. */
    private void announce(StoredMessage message) {
        MessageView view = MessageView.of(message, false);
        for (long[] side : new long[][] {{message.from(), message.to()}, {message.to(), message.from()}}) {
            push.send(
                    side[0],
                    "message",
                    Map.of("message", view, "peer", cards.of(side[1]), "unread", unread.of(side[0])));
        }
    }

    /** {@code reader} read everything from {@code peer}: the peer sees it as read, the reader's other tabs update. */
    void read(long reader, long peer) {
        conversations
                .markRead(reader, peer)
                .ifPresent(upTo ->
                        push.send(peer, "read", Map.of("by", Long.toString(reader), "upTo", Long.toString(upTo))));
        push.send(reader, "unread", Map.of("unread", unread.of(reader)));
    }
}

package org.openbili.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.util.AttributeKey;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openbili.common.problem.Problems;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * Reactor Netty refuses a request its HTTP decoder cannot take before WebFlux sees it, with a status and an empty
 * body: headers over {@code server.max-http-request-header-size} (431), a request line over
 * {@code server.netty.max-initial-line-length} (414), anything malformed (400). A handler just above the codec
 * puts a problem in that body, and closes the connection the way nginx's {@code lingering_close} does: it stops
 * writing, then reads and discards what the client is still sending for up to {@value #LINGER_MILLIS} ms before it
 * closes. Closing with the client's request body unread would reset the connection, and the client would never
 * see the answer.
 */
@Component
class DecodingFailureProblems implements NettyServerCustomizer {

    private static final Map<Integer, String> DETAILS = Map.of(
            400, "The request could not be read as HTTP.",
            414, "The address is too long.",
            431, "The request headers are too large.");

    static final long LINGER_MILLIS = 2000;
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("openbili.refusedByTheDecoder");
    private static final ChannelHandler HANDLER = new ProblemBodies();

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, "openbili.decodingFailureProblems", HANDLER);
            }
        });
    }

    @ChannelHandler.Sharable
    private static final class ProblemBodies extends ChannelOutboundHandlerAdapter {

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg instanceof FullHttpResponse response && isDecodingFailure(response)) {
                int status = response.status().code();
                byte[] body = Problems.toJson(Problems.of(
                        HttpStatusCode.valueOf(status),
                        Problems.codeFor(HttpStatusCode.valueOf(status)),
                        DETAILS.get(status)));
                FullHttpResponse problem = new DefaultFullHttpResponse(
                        response.protocolVersion(), response.status(), Unpooled.wrappedBuffer(body));
                problem.headers()
                        .set(response.headers())
                        .set(HttpHeaderNames.CONTENT_TYPE, Problems.MEDIA_TYPE.toString())
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
                response.release();
                ctx.channel().attr(REFUSED).set(true);
                ctx.write(problem, promise);
                return;
            }
            ctx.write(msg, promise);
        }

        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (Boolean.TRUE.equals(ctx.channel().attr(REFUSED).getAndSet(false))
                    && ctx.channel() instanceof DuplexChannel duplex) {
                ctx.flush();
                duplex.shutdownOutput();
                // the codec, in its failed state, skips whatever arrives now
                ctx.channel().config().setAutoRead(true);
                ctx.executor().schedule(() -> ctx.close(promise), LINGER_MILLIS, TimeUnit.MILLISECONDS);
                return;
            }
            ctx.close(promise);
        }

        /** As the decoder's refusals are written: one of those statuses, no body, and the connection closing. */
        private static boolean isDecodingFailure(FullHttpResponse response) {
            return DETAILS.containsKey(response.status().code())
                    && response.content().readableBytes() == 0
                    && !response.headers().contains(HttpHeaderNames.CONTENT_TYPE)
                    && response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
        }
    }
}

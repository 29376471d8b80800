package wiregate.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a result file (or a range of it) to the client from the worker thread that serves the
 * request. Storage reads may block (S3), so they happen here and not in a ChunkedWriteHandler on
 * the event loop. Back-pressure: when the channel stops being writable (its outbound buffer passed
 * the high water mark), the worker waits until the last chunk is flushed before reading more, so at
 * most about the water mark plus one chunk is held in memory, whatever the file's size.
 */
final class ResultStreamer {
  private static final Logger log = LoggerFactory.getLogger(ResultStreamer.class);
  static final int CHUNK = 64 * 1024;

  private ResultStreamer() {}

  /**
   * Writes the head and the body; blocks until done or the client went away.
   *
   * @return the future of the last write
   */
  static ChannelFuture stream(Channel channel, ApiResponse.Download download, boolean keepAlive)
      throws IOException {
    InputStream in = download.file().open(download.first(), download.last());
    // Opened before the head goes out, so a storage failure can still be a JSON 500.
    try (in) {
      HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, download.status());
      head.headers().add(download.headers());
      head.headers().set(HttpHeaderNames.CONTENT_LENGTH, download.length());
      ResponseWriter.connectionHeader(head, keepAlive);
      ChannelFuture last = channel.writeAndFlush(head);
      long left = download.length();
      byte[] buffer = new byte[(int) Math.min(CHUNK, Math.max(left, 1))];
      while (left > 0 && channel.isActive()) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          // The stored file is shorter than its size said: the response cannot be completed honestly.
          log.warn("result file ended {} bytes early; closing the connection", left);
          channel.close();
          return channel.newFailedFuture(new IOException("result file ended early"));
        }
        ByteBuf chunk = channel.alloc().buffer(n);
        chunk.writeBytes(buffer, 0, n);
        last = channel.writeAndFlush(new DefaultHttpContent(chunk));
        left -= n;
        if (!channel.isWritable()) {
          last.awaitUninterruptibly(); // a worker thread: waiting here is what back-pressure means
        }
      }
      if (!channel.isActive()) {
        return channel.newFailedFuture(new IOException("client went away during the download"));
      }
      return channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
  }
}

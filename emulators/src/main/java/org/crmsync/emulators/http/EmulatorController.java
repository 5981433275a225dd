package org.crmsync.emulators.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.server.netty.NettyHttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Hands every request to the context's {@link EmulatorHandler}. Routing is the handler's job: the
 * services address records as {@code accounts(<id>)} and actions as {@code $batch}, which are easier to
 * judge from the raw path than through route templates.
 */
@Controller
@Consumes(MediaType.ALL)
@ExecuteOn(TaskExecutors.BLOCKING)
public class EmulatorController {

    private final EmulatorHandler handler;

    public EmulatorController(EmulatorHandler handler) {
        this.handler = handler;
    }

    @Get("/{+path}")
    public CompletableFuture<HttpResponse<byte[]>> get(HttpRequest<?> request) {
        return dispatch(request, null);
    }

    @Post("/{+path}")
    public CompletableFuture<HttpResponse<byte[]>> post(HttpRequest<?> request, @Nullable @Body String body) {
        return dispatch(request, body);
    }

    @Patch("/{+path}")
    public CompletableFuture<HttpResponse<byte[]>> patch(HttpRequest<?> request, @Nullable @Body String body) {
        return dispatch(request, body);
    }

    @Put("/{+path}")
    public CompletableFuture<HttpResponse<byte[]>> put(HttpRequest<?> request, @Nullable @Body String body) {
        return dispatch(request, body);
    }

    @Delete("/{+path}")
    public CompletableFuture<HttpResponse<byte[]>> delete(HttpRequest<?> request) {
        return dispatch(request, null);
    }

    private CompletableFuture<HttpResponse<byte[]>> dispatch(HttpRequest<?> request, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        EmulatorResponse reply;
        try {
            reply = handler.handle(new EmulatorRequest(request.getMethodName(),
                    request.getUri().getRawPath(), request.getUri().getRawQuery(), headers, body));
        } catch (DroppedConnection dropped) {
            // Never answered: the connection closes first, as when a network or load balancer drops it.
            if (request instanceof NettyHttpRequest<?> netty) {
                netty.getChannelHandlerContext().channel().close();
            }
            return new CompletableFuture<>();
        }
        MutableHttpResponse<byte[]> response = HttpResponse.status(HttpStatus.valueOf(reply.status()));
        reply.headers().forEach(response::header);
        return CompletableFuture.completedFuture(reply.body().length == 0 ? response : response.body(reply.body()));
    }
}

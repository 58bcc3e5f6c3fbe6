package io.korch.agent.server;

import io.vertx.core.http.HttpServerResponse;

/** The agent's error answers: a status code and a plain-text reason, as the kubelet writes them. */
final class PlainText {

    private PlainText() {
    }

    static void respond(HttpServerResponse response, int code, String message) {
        if (response.headWritten()) {
            if (!response.ended()) {
                response.end();
            }
            return;
        }
        response.setStatusCode(code).putHeader("Content-Type", "text/plain; charset=utf-8").end(message);
    }
}

package io.korch.agent.runtime;

/** A command running in a container: its input side. Safe to call from any thread. */
public interface ExecSession extends StreamHandle {

    /** Sends bytes to the command's standard input; ignored when it was started without one. */
    void stdin(byte[] bytes);

    /** Ends the command's standard input, so that a command reading it to its end can finish. */
    void closeStdin();

    /** Resizes the command's terminal; ignored without a tty. */
    void resize(int width, int height);

    /** Ends the session: the command's streams are closed (the command may keep running, as with docker exec). */
    @Override
    void close();
}

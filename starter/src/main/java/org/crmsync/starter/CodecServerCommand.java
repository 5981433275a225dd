package org.crmsync.starter;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.crmsync.workflows.codec.AesGcmCodec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code crmsync codec-server}: lets the Temporal UI and CLI read payloads the workers encrypted. */
@Command(name = "codec-server", mixinStandardHelpOptions = true,
        description = "Decrypts payloads for the Temporal UI and `temporal workflow show --codec-endpoint`, with "
                + "the key in " + AesGcmCodec.KEY_VARIABLE + " (the workers' key). Listens on this machine only; "
                + "runs until Ctrl-C.")
public class CodecServerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8081", description = "port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--ui-origin", split = ",", defaultValue = "http://localhost:8233,http://127.0.0.1:8233",
            description = "origins of the Temporal UI that may call it from the browser (default: ${DEFAULT-VALUE})")
    List<String> uiOrigins;

    @Override
    public Integer call() throws Exception {
        AesGcmCodec codec = AesGcmCodec.fromEnvironment().orElseThrow(() -> new IllegalStateException(
                "set " + AesGcmCodec.KEY_VARIABLE + " to the key the workers encrypt with"));
        try (CodecServer server = CodecServer.start(codec, port, uiOrigins)) {
            System.out.println("Codec server on " + server.url() + " for the UI at " + String.join(" and ", uiOrigins)
                    + ".");
            System.out.println("Point the UI at it (its Codec Server settings, or `temporal server start-dev "
                    + "--ui-codec-endpoint " + server.url() + "`), or the CLI: `temporal workflow show "
                    + "--workflow-id full-sync/<profile> --codec-endpoint " + server.url() + "`.");
            new CountDownLatch(1).await();
            return 0;
        }
    }
}

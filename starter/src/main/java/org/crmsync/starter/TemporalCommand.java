package org.crmsync.starter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code crmsync temporal init}: registers crmsync's search attributes on a Temporal namespace, once. */
@Command(name = "temporal", mixinStandardHelpOptions = true,
        description = "Prepares a Temporal server for crmsync.")
public class TemporalCommand {

    @Mixin
    TemporalOptions temporal;

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Registers the search attributes CrmSyncProfile, CrmSyncStatus and CrmSyncMapping "
                    + "(Keyword); those that exist already are left alone.")
    int init(@Option(names = "--namespace", defaultValue = "default",
            description = "Temporal namespace (default: ${DEFAULT-VALUE})") String namespace) {
        try (TemporalSession session = temporal.connect()) {
            System.out.println(session.address() + ": " + SearchAttributeSetup.ensure(session.service(), namespace));
            return 0;
        } catch (IllegalStateException conflict) {
            System.err.println(conflict.getMessage());
            return 2;
        }
    }
}

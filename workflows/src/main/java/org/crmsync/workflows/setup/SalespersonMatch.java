package org.crmsync.workflows.setup;

import java.util.List;

/**
 * Salespeople after coupling by e-mail.
 *
 * @param coupled     salespeople coupled with a CRM user, by e-mail now or earlier
 * @param unmatched   BC salespeople no CRM user has the e-mail of
 * @param freeUsers   CRM users coupled with no salesperson, which the unmatched may be paired with
 */
public record SalespersonMatch(int coupled, List<Salesperson> unmatched, List<CrmUser> freeUsers) {

    public SalespersonMatch {
        unmatched = List.copyOf(unmatched);
        freeUsers = List.copyOf(freeUsers);
    }

    /** A Business Central salesperson: its SystemId, code, name and e-mail. */
    public record Salesperson(String id, String code, String name, String email) {
    }

    /** A Dataverse user: its systemuserid, full name and primary e-mail. */
    public record CrmUser(String id, String name, String email) {
    }
}

package org.crmsync.workflows.setup;

import java.util.List;

/**
 * Salespeople after coupling by e-mail.
 *
 * @param coupled     salespeople coupled with a CRM user, by e-mail now or earlier
 * @param unmatched   BC salespeople no CRM user has the e-mail of
 * @param freeUsers   CRM users coupled with no salesperson, which the unmatched may be paired with
 * @param teamOwned   the profile has the Team ownership model, which couples no salespeople
 */
public record SalespersonMatch(int coupled, List<Salesperson> unmatched, List<CrmUser> freeUsers, boolean teamOwned) {

    public SalespersonMatch {
        unmatched = List.copyOf(unmatched);
        freeUsers = List.copyOf(freeUsers);
    }

    /** Salespeople of a profile with the Person ownership model. */
    public SalespersonMatch(int coupled, List<Salesperson> unmatched, List<CrmUser> freeUsers) {
        this(coupled, unmatched, freeUsers, false);
    }

    /** A profile with the Team ownership model: nothing to couple. */
    public static SalespersonMatch ofTeamOwnership() {
        return new SalespersonMatch(0, List.of(), List.of(), true);
    }

    /** A Business Central salesperson: its SystemId, code, name and e-mail. */
    public record Salesperson(String id, String code, String name, String email) {
    }

    /** A Dataverse user: its systemuserid, full name and primary e-mail. */
    public record CrmUser(String id, String name, String email) {
    }
}

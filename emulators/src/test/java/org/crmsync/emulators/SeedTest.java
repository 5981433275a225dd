package org.crmsync.emulators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import org.crmsync.emulators.auth.TokenService;
import org.crmsync.emulators.bc.BusinessCentralEmulator;
import org.crmsync.emulators.dataverse.DataverseEmulator;
import org.crmsync.emulators.seed.DemoCompany;
import org.junit.jupiter.api.Test;

class SeedTest {

    private static List<String> customerNames(long seed) {
        BusinessCentralEmulator bc = new BusinessCentralEmulator(new TokenService(Clock.systemUTC()), Clock.systemUTC(),
                DemoCompany.TENANT, DemoCompany.ENVIRONMENT);
        DemoCompany.seed(bc, new DataverseEmulator(new TokenService(Clock.systemUTC()), Clock.systemUTC()), 500, seed);
        return bc.rows(DemoCompany.COMPANY_ID, "customers").stream()
                .map(c -> c.path("number").asText() + " " + c.path("displayName").asText()).sorted().toList();
    }

    @Test
    void theSameSeedGivesTheSameCompanyAndAnotherSeedAnother() {
        assertEquals(customerNames(1), customerNames(1));
        assertNotEquals(customerNames(1), customerNames(2));
    }

    @Test
    void theCompanyHasTheAwkwardCasesUsersHave() {
        BusinessCentralEmulator bc = new BusinessCentralEmulator(new TokenService(Clock.systemUTC()), Clock.systemUTC(),
                DemoCompany.TENANT, DemoCompany.ENVIRONMENT);
        DemoCompany.Summary summary = DemoCompany.seed(bc, new DataverseEmulator(new TokenService(Clock.systemUTC()),
                Clock.systemUTC()), 500, 9);
        var customers = bc.rows(DemoCompany.COMPANY_ID, "customers");
        assertEquals(500, customers.size());
        assertTrue(summary.eligibleCustomers() < 500, "some customers are blocked");
        assertTrue(customers.stream().anyMatch(c -> c.path("displayName").asText().contains("'")));
        assertTrue(customers.stream().anyMatch(c -> c.path("displayName").asText().length() == 100));
        assertTrue(customers.stream().anyMatch(c -> c.path("email").asText().isEmpty()));
        assertTrue(customers.stream().anyMatch(c -> c.path("salespersonCode").asText().isEmpty()));
        assertTrue(customers.stream().anyMatch(c -> !c.path("currencyCode").asText().isEmpty()));
        assertTrue(summary.salespeopleWithCrmUser() < summary.salespeople(), "some salespeople have no CRM user");
    }
}

package org.crmsync.emulators.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Consumer;
import org.crmsync.emulators.SolutionFile;
import org.crmsync.emulators.dataverse.DataverseEmulator;
import org.crmsync.emulators.odata.JsonBodies;

/**
 * The demo company's Dataverse organization: the root business unit and its team, the security roles, the
 * integration user (an application user holding Integration Administrator and Integration User, as BC's
 * setup leaves it), an administrator, CRM users, the base currency, and the records that already exist
 * when the overlap option asks for them.
 */
final class DemoOrganization {

    static final String[] ROLES = {"System Administrator", "Integration Administrator", "Integration User", "Salesperson"};

    private final DataverseEmulator dataverse;
    private final SeedRandom random;
    private final Consumer<String> counter;
    private final String businessUnitId;
    private final String[] roleIds = new String[ROLES.length];
    private final String integrationUserId;
    private final String adminUserId;
    private String unitGroupId;
    private String baseUnitId;
    private int users;

    DemoOrganization(DataverseEmulator dataverse, SeedRandom random, Consumer<String> counter) {
        this.dataverse = dataverse;
        this.random = random;
        this.counter = counter;
        ObjectNode unit = row("businessunitid");
        unit.put("name", "cronus-demo");
        businessUnitId = unit.get("businessunitid").asText();
        seed("businessunits", unit);
        ObjectNode team = row("teamid");
        team.put("name", "cronus-demo");
        team.put("teamtype", 0);
        team.put("isdefault", true);
        team.put("_businessunitid_value", businessUnitId);
        seed("teams", team);
        for (int i = 0; i < ROLES.length; i++) {
            ObjectNode role = row("roleid");
            role.put("name", ROLES[i]);
            role.put("_businessunitid_value", businessUnitId);
            roleIds[i] = role.get("roleid").asText();
            seed("roles", role);
        }
        // the roles above the System Administrator's and the Salesperson's came with BC's integration solution
        dataverse.seedSolution(SolutionFile.INTEGRATION_SOLUTION, "1.0.0.0");
        integrationUserId = applicationUser("# Business Central", "Integration", "bc-integration@cronus-demo.com");
        dataverse.seedRole(integrationUserId, roleIds[1]);
        dataverse.seedRole(integrationUserId, roleIds[2]);
        adminUserId = applicationUser("# crmsync", "Administrator", "crmsync-admin@cronus-demo.com");
        dataverse.seedRole(adminUserId, roleIds[0]);
        ObjectNode disabled = user("Former", "Employee", "former.employee@cronus-demo.com", false);
        disabled.put("isdisabled", true);
        seed("systemusers", disabled);
    }

    String integrationUserId() {
        return integrationUserId;
    }

    String adminUserId() {
        return adminUserId;
    }

    int users() {
        return users;
    }

    /** A licensed, interactive CRM user with the Salesperson role; the first becomes the admin API's editor. */
    String user(String first, String last, String email) {
        ObjectNode user = user(first, last, email, true);
        seed("systemusers", user);
        String id = user.get("systemuserid").asText();
        dataverse.seedRole(id, roleIds[3]);
        if (users++ == 0) {
            dataverse.setInteractiveUser(id);
        }
        return id;
    }

    void baseCurrency(String code, String name, String symbol) {
        ObjectNode base = row("transactioncurrencyid");
        base.put("isocurrencycode", code);
        base.put("currencyname", name);
        base.put("currencysymbol", symbol);
        base.put("exchangerate", BigDecimal.ONE);
        base.put("currencyprecision", 2);
        base.put("currencytype", 0);
        seed("transactioncurrencies", base);
    }

    /** An account that was in the CRM before the integration, with the customer's number and name. */
    void existingAccount(ObjectNode customer) {
        ObjectNode account = row("accountid");
        account.put("name", customer.get("displayName").asText());
        account.put("accountnumber", customer.get("number").asText());
        account.put("emailaddress1", customer.get("email").asText());
        account.put("telephone1", customer.get("phoneNumber").asText());
        account.put("address1_line1", customer.get("addressLine1").asText());
        account.put("address1_city", customer.get("city").asText());
        account.put("address1_country", customer.get("country").asText());
        account.put("customertypecode", 3);
        account.put("statecode", 0);
        account.put("_ownerid_value", integrationUserId);
        account.put("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname", "systemuser");
        seed("accounts", account);
    }

    void existingContact(String first, String last, String email) {
        ObjectNode contact = row("contactid");
        contact.put("firstname", first);
        contact.put("lastname", last);
        contact.put("fullname", first + " " + last);
        contact.put("emailaddress1", email);
        seed("contacts", contact);
    }

    /** A product that was in the CRM before the integration, under a unit group of its own. */
    void existingProduct(ObjectNode item) {
        if (unitGroupId == null) {
            ObjectNode group = row("uomscheduleid");
            group.put("name", "Legacy units");
            group.put("baseuomname", "Piece");
            unitGroupId = group.get("uomscheduleid").asText();
            seed("uomschedules", group);
            ObjectNode unit = row("uomid");
            unit.put("name", "Piece");
            unit.put("quantity", BigDecimal.ONE);
            unit.put("isschedulebaseuom", true);
            unit.put("_uomscheduleid_value", unitGroupId);
            baseUnitId = unit.get("uomid").asText();
            unit.put("_baseuom_value", baseUnitId);
            seed("uoms", unit);
        }
        ObjectNode product = row("productid");
        product.put("productnumber", item.get("number").asText());
        product.put("name", item.get("displayName").asText());
        product.put("quantitydecimal", 2);
        product.put("price", item.get("unitPrice").decimalValue());
        product.put("producttypecode", 1);
        product.put("_defaultuomscheduleid_value", unitGroupId);
        product.put("_defaultuomid_value", baseUnitId);
        seed("products", product);
    }

    private String applicationUser(String first, String last, String email) {
        ObjectNode app = user(first, last, email, false);
        app.put("isintegrationuser", true);
        app.put("accessmode", 4);
        app.put("applicationid", random.uuid());
        seed("systemusers", app);
        return app.get("systemuserid").asText();
    }

    private ObjectNode user(String first, String last, String email, boolean licensed) {
        ObjectNode user = row("systemuserid");
        user.put("firstname", first);
        user.put("lastname", last);
        user.put("fullname", first + " " + last);
        user.put("internalemailaddress", email);
        user.put("domainname", email.toLowerCase(Locale.ROOT));
        user.put("mobilephone", random.phone());
        user.put("isdisabled", false);
        user.put("islicensed", licensed);
        user.put("isintegrationuser", false);
        user.put("accessmode", 0);
        user.put("_businessunitid_value", businessUnitId);
        user.put("modifiedon", random.stamp().substring(0, 19) + "Z");
        return user;
    }

    private ObjectNode row(String key) {
        ObjectNode row = JsonBodies.MAPPER.createObjectNode();
        row.put(key, random.uuid());
        return row;
    }

    private void seed(String set, ObjectNode row) {
        dataverse.seed(set, row);
        counter.accept(set);
    }
}

package org.crmsync.emulators.seed;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.crmsync.emulators.bc.BusinessCentralEmulator;
import org.crmsync.emulators.dataverse.DataverseEmulator;
import org.crmsync.emulators.odata.JsonBodies;

/**
 * A demo company, the same for the same seed and scale. In Business Central: a local currency and foreign
 * ones with rates, payment terms, shipment methods and shipping agents, salespeople (some without a CRM
 * user), customers with and without salesperson and currency (awkward names, maximum-length values, empty
 * e-mails, blocked ones), vendors, company and person contacts, and — through {@link DemoDocuments} — units,
 * items, price lists, opportunities, orders and posted invoices with lines. In Dataverse: the organization
 * (business unit, team, security roles), the integration and admin users, CRM users (some without a
 * salesperson), the base currency, and optionally an overlap: a share of the BC records already present
 * with matching keys, as when a company connects a CRM it has used for years.
 */
public final class DemoCompany {

    public static final String TENANT = "7d8a2c8e-4b0f-4a57-9a54-0c5f3b1d2e6f";
    public static final String ENVIRONMENT = "production";
    public static final String COMPANY_ID = "5a3c4b1e-9f0a-4d2b-8c7e-1e2f3a4b5c6d";
    public static final String COMPANY_NAME = "CRONUS Demo";
    public static final String LOCAL_CURRENCY = "USD";
    public static final String EMPTY_GUID = BusinessCentralEmulator.EMPTY_GUID;
    public static final int MIN_SCALE = 10;
    public static final int MAX_SCALE = 1_000_000;

    private static final Pattern NOT_IN_EMAIL = Pattern.compile("[^a-z0-9.]");
    private static final String[] TRADE = {"Adatum", "Fabrikam", "Litware", "Northwind", "Tailspin", "Wingtip",
        "Coho", "Alpine Ski House", "Trey Research", "Relecloud", "Contoso", "Proseware", "Lamna", "Woodgrove"};
    private static final String[] SUFFIX = {"Corporation", "GmbH", "A/S", "& Sons", "Ltd.", "S.à r.l.", "Inc.",
        "Oy", "K.K.", "Pty Ltd"};
    private static final String[] CITY = {"Atlanta", "København", "Zürich", "São Paulo", "Montréal", "Reykjavík",
        "Kraków", "Osaka", "London", "Lagos", "Chicago", "Malmö"};
    private static final String[] COUNTRY = {"US", "DK", "CH", "BR", "CA", "IS", "PL", "JP", "GB", "NG", "US", "SE"};
    /** Foreign currencies with the units of each per one unit of the local currency. */
    private static final String[][] FOREIGN = {{"EUR", "Euro", "€", "0.92"}, {"GBP", "Pound Sterling", "£", "0.79"},
        {"CAD", "Canadian Dollar", "$", "1.37"}, {"DKK", "Danish Krone", "kr", "6.87"},
        {"SEK", "Swedish Krona", "kr", "10.45"}, {"JPY", "Japanese Yen", "¥", "151.2"}};
    private static final String[][] PAYMENT_TERMS = {{"14 DAYS", "Net 14 days", "14D"}, {"30 DAYS", "Net 30 days", "30D"},
        {"1M(8D)", "1 Month/2% 8 days", "1M"}, {"CM", "Current Month", "CM"}};
    private static final String[][] SHIPMENT_METHODS = {{"CIF", "Cost Insurance and Freight"}, {"EXW", "Ex Warehouse"},
        {"FOB", "Free on Board"}, {"PICKUP", "Pickup at Location"}};
    private static final String[][] SHIPPING_AGENTS = {{"DHL", "DHL Systems, Inc."}, {"FEDEX", "Federal Express"},
        {"UPS", "UPS"}, {"OWN LOG.", "Own logistics"}};

    /** What to seed. @param overlap share (0 to 1) of BC customers, items and contacts already in the CRM */
    public record Options(int customers, long seed, double overlap) {
        public Options {
            if (customers < MIN_SCALE || customers > MAX_SCALE) {
                throw new IllegalArgumentException("the scale must be between " + MIN_SCALE + " and " + MAX_SCALE
                        + " customers, was " + customers);
            }
            if (!(overlap >= 0 && overlap <= 1)) {
                throw new IllegalArgumentException("the overlap must be between 0 and 1, was " + overlap);
            }
        }
    }

    /**
     * What was seeded, counted as it was written.
     *
     * @param rows rows per entity set, keyed {@code bc/<set>} and {@code dataverse/<set>}
     */
    public record Summary(int customers, int eligibleCustomers, int salespeople, int salespeopleWithCrmUser,
                          int crmUsers, int currencies, String integrationUserId, String adminUserId,
                          Map<String, Integer> rows) {
    }

    private final SeedRandom random;
    private final Options options;
    private final BusinessCentralEmulator bc;
    private final DataverseEmulator dataverse;
    private final Map<String, Integer> rows = new LinkedHashMap<>();
    private final BcSeedBuffer bcRows;
    private final List<String> currencies = new ArrayList<>();
    private final List<String> paymentTerms = new ArrayList<>();
    private final List<String> shipmentMethods = new ArrayList<>();
    private final List<String> customerIds = new ArrayList<>();
    private final List<String> personIds = new ArrayList<>();

    private DemoCompany(Options options, BusinessCentralEmulator bc, DataverseEmulator dataverse) {
        this.options = options;
        this.random = new SeedRandom(options.seed());
        this.bc = bc;
        this.dataverse = dataverse;
        this.bcRows = new BcSeedBuffer(bc, this::countBc);
    }

    /** Seeds both emulators with a demo company of {@code customers} customers and no overlap. */
    public static Summary seed(BusinessCentralEmulator bc, DataverseEmulator dataverse, int customers, long seed) {
        return seed(bc, dataverse, new Options(customers, seed, 0));
    }

    public static Summary seed(BusinessCentralEmulator bc, DataverseEmulator dataverse, Options options) {
        Summary summary = new DemoCompany(options, bc, dataverse).seedAll();
        bc.markSeeded();
        dataverse.markSeeded();
        return summary;
    }

    private Summary seedAll() {
        bc.addCompany(COMPANY_ID, COMPANY_NAME);
        DemoOrganization crm = new DemoOrganization(dataverse, random, this::countCrm);
        seedCurrencies(crm);
        seedTermsAndMethods();
        int salespeopleCount = Math.max(5, Math.min(200, options.customers() / 250));
        List<String> sellingCodes = new ArrayList<>();
        for (int i = 1; i <= salespeopleCount; i++) {
            String first = random.pick(SeedRandom.FIRST);
            String last = random.pick(SeedRandom.LAST);
            String code = "SP" + String.format(Locale.ROOT, "%03d", i);
            String email = NOT_IN_EMAIL.matcher((first + "." + last + i).toLowerCase(Locale.ROOT)).replaceAll("")
                    + "@cronus-demo.com";
            ObjectNode salesperson = row();
            salesperson.put("id", random.uuid());
            salesperson.put("code", code);
            salesperson.put("displayName", first + " " + last);
            salesperson.put("email", email);
            salesperson.put("email2", "");
            salesperson.put("phoneNo", random.phone());
            salesperson.put("jobTitle", "Account Manager");
            salesperson.put("commisionPercent", 2.5);
            salesperson.put("privacyBlocked", false);
            salesperson.put("blocked", false);
            salesperson.put("lastModifiedDateTime", random.stamp());
            seedBc("salespeoplePurchasers", salesperson);
            // Every fifth salesperson has no CRM user; the others sign in with the same e-mail, some in upper case.
            if (i % 5 != 0) {
                crm.user(first, last, i % 3 == 0 ? email.toUpperCase(Locale.ROOT) : email);
                sellingCodes.add(code);
            }
        }
        for (int i = 0; i <= salespeopleCount / 5; i++) {
            crm.user(random.pick(SeedRandom.FIRST), random.pick(SeedRandom.LAST), "crm.only" + i + "@cronus-demo.com");
        }
        int eligible = seedCustomers(sellingCodes, crm);
        seedVendors();
        bcRows.flush();
        new DemoDocuments(bc, bcRows, random, options, crm).seed(currencies, sellingCodes, customerIds, personIds);
        bcRows.flush();
        return new Summary(options.customers(), eligible, salespeopleCount, sellingCodes.size(), crm.users(),
                FOREIGN.length, crm.integrationUserId(), crm.adminUserId(), Map.copyOf(rows));
    }

    private void seedCurrencies(DemoOrganization crm) {
        crm.baseCurrency(LOCAL_CURRENCY, "US Dollar", "$");
        for (String[] currency : FOREIGN) {
            String id = random.uuid();
            currencies.add(id + "|" + currency[0]);
            ObjectNode row = row();
            row.put("id", id);
            row.put("code", currency[0]);
            row.put("displayName", currency[1]);
            row.put("symbol", currency[2]);
            row.put("amountDecimalPlaces", currency[0].equals("JPY") ? "0:0" : "2:2");
            row.put("amountRoundingPrecision", currency[0].equals("JPY") ? 1 : 0.01);
            row.put("lastModifiedDateTime", random.stamp());
            seedBc("currencies", row);
            // BC states a rate as "exchangeRateAmount units of the currency = relationalExchangeRateAmount of LCY".
            ObjectNode rate = row();
            rate.put("id", random.uuid());
            rate.put("currencyCode", currency[0]);
            rate.put("startingDate", "2026-01-01");
            rate.put("exchangeRateAmount", new BigDecimal(currency[3]).multiply(BigDecimal.valueOf(100)));
            rate.put("relationalCurrencyCode", "");
            rate.put("relationalExchangeRateAmount", BigDecimal.valueOf(100));
            seedBc("currencyExchangeRates", rate);
        }
    }

    private void seedTermsAndMethods() {
        for (String[] terms : PAYMENT_TERMS) {
            ObjectNode row = codeRow(terms[0], terms[1]);
            row.put("dueDateCalculation", terms[2]);
            row.put("discountDateCalculation", terms[0].equals("1M(8D)") ? "8D" : "");
            row.put("discountPercent", terms[0].equals("1M(8D)") ? 2 : 0);
            row.put("calculateDiscountOnCreditMemos", false);
            paymentTerms.add(row.get("id").asText());
            seedBc("paymentTerms", row);
        }
        for (String[] method : SHIPMENT_METHODS) {
            ObjectNode row = codeRow(method[0], method[1]);
            shipmentMethods.add(row.get("id").asText());
            seedBc("shipmentMethods", row);
        }
        for (String[] agent : SHIPPING_AGENTS) {
            ObjectNode row = row();
            row.put("id", random.uuid());
            row.put("code", agent[0]);
            row.put("name", agent[1]);
            row.put("internetAddress", "");
            row.put("accountNo", "");
            row.put("lastModifiedDateTime", random.stamp());
            seedBc("shippingAgents", row);
        }
    }

    private ObjectNode codeRow(String code, String displayName) {
        ObjectNode row = row();
        row.put("id", random.uuid());
        row.put("code", code);
        row.put("displayName", displayName);
        row.put("lastModifiedDateTime", random.stamp());
        return row;
    }

    private int seedCustomers(List<String> sellingCodes, DemoOrganization crm) {
        int eligible = 0;
        for (int i = 1; i <= options.customers(); i++) {
            ObjectNode customer = row();
            customer.put("id", random.uuid());
            customer.put("number", String.format(Locale.ROOT, "C%06d", i * 10));
            customer.put("displayName", customerName(i));
            customer.put("type", "Company");
            address(customer);
            customer.put("phoneNumber", random.phone());
            customer.put("email", i % 10 == 0 ? "" : "orders" + i + "@example.com");
            customer.put("website", i % 4 == 0 ? "" : "www.customer" + i + ".example.com");
            customer.put("salespersonCode", i % 7 == 0 ? "" : sellingCodes.get(random.nextInt(sellingCodes.size())));
            customer.put("balanceDue", 0);
            customer.put("creditLimit", BigDecimal.valueOf(random.nextInt(500)).multiply(BigDecimal.valueOf(1000)));
            customer.put("taxLiable", true);
            customer.put("taxAreaId", EMPTY_GUID);
            customer.put("taxRegistrationNumber", "");
            currency(customer, i % 4 == 0);
            customer.put("paymentTermsId", i % 3 == 0 ? EMPTY_GUID : paymentTerms.get(random.nextInt(paymentTerms.size())));
            customer.put("shipmentMethodId", i % 5 == 0 ? EMPTY_GUID
                    : shipmentMethods.get(random.nextInt(shipmentMethods.size())));
            customer.put("paymentMethodId", EMPTY_GUID);
            boolean blocked = i % 33 == 0;
            customer.put("blocked", blocked ? "All" : " ");
            customer.put("lastModifiedDateTime", random.stamp());
            seedBc("customers", customer);
            customerIds.add(customer.get("id").asText());
            if (!blocked) {
                eligible++;
            }
            if (options.overlap() > 0 && random.chance(options.overlap())) {
                crm.existingAccount(customer);
            }
            if (i % 4 == 0) {
                seedContacts(customer, crm);
            }
        }
        return eligible;
    }

    /** A company contact for the customer, related to it, and a person working there. */
    private void seedContacts(ObjectNode customer, DemoOrganization crm) {
        String companyNumber = "CT" + customer.get("number").asText().substring(1);
        ObjectNode company = row();
        company.put("id", random.uuid());
        company.put("number", companyNumber);
        company.put("type", "Company");
        company.put("displayName", customer.get("displayName").asText());
        company.put("jobTitle", "");
        company.put("companyNumber", companyNumber);
        company.put("companyName", customer.get("displayName").asText());
        company.put("contactBusinessRelation", "Customer");
        contactDetails(company, customer.path("email").asText());
        seedBc("contacts", company);
        ObjectNode relation = row();
        relation.put("id", random.uuid());
        relation.put("contactNumber", companyNumber);
        relation.put("linkToTable", "Customer");
        relation.put("linkNumber", customer.get("number").asText());
        relation.put("lastModifiedDateTime", company.get("lastModifiedDateTime").asText());
        seedBc("contactBusinessRelations", relation);
        String first = random.pick(SeedRandom.FIRST);
        String last = random.pick(SeedRandom.LAST);
        ObjectNode person = row();
        person.put("id", random.uuid());
        person.put("number", "CP" + customer.get("number").asText().substring(1));
        person.put("type", "Person");
        person.put("displayName", first + " " + last);
        person.put("jobTitle", random.pick(new String[] {"Purchaser", "CFO", "Office Manager", "Buyer"}));
        person.put("companyNumber", companyNumber);
        person.put("companyName", customer.get("displayName").asText());
        person.put("contactBusinessRelation", "");
        contactDetails(person, NOT_IN_EMAIL.matcher((first + "." + last).toLowerCase(Locale.ROOT)).replaceAll("")
                + "@customer" + customer.get("number").asText() + ".example.com");
        seedBc("contacts", person);
        personIds.add(person.get("id").asText());
        if (options.overlap() > 0 && random.chance(options.overlap())) {
            crm.existingContact(first, last, person.get("email").asText());
        }
    }

    private void contactDetails(ObjectNode contact, String email) {
        address(contact);
        contact.put("phoneNumber", random.phone());
        contact.put("mobilePhoneNumber", random.phone());
        contact.put("email", email);
        contact.put("website", "");
        contact.put("searchName", contact.get("displayName").asText().toUpperCase(Locale.ROOT));
        contact.put("privacyBlocked", false);
        contact.put("taxRegistrationNumber", "");
        contact.put("lastModifiedDateTime", random.stamp());
    }

    private void seedVendors() {
        for (int i = 1; i <= Math.max(5, options.customers() / 20); i++) {
            ObjectNode vendor = row();
            vendor.put("id", random.uuid());
            vendor.put("number", String.format(Locale.ROOT, "V%06d", i * 10));
            vendor.put("displayName", random.pick(TRADE) + " " + random.pick(SeedRandom.LAST) + " Supplies "
                    + random.pick(SUFFIX));
            address(vendor);
            vendor.put("phoneNumber", random.phone());
            vendor.put("email", i % 6 == 0 ? "" : "sales" + i + "@supplier.example.com");
            vendor.put("website", "");
            vendor.put("purchaserCode", "");
            vendor.put("taxRegistrationNumber", "");
            currency(vendor, i % 5 == 0);
            vendor.put("paymentTermsId", paymentTerms.get(random.nextInt(paymentTerms.size())));
            vendor.put("paymentMethodId", EMPTY_GUID);
            vendor.put("taxLiable", true);
            vendor.put("blocked", i % 40 == 0 ? "All" : " ");
            vendor.put("balance", 0);
            vendor.put("lastModifiedDateTime", random.stamp());
            seedBc("vendors", vendor);
        }
    }

    private void address(ObjectNode row) {
        int city = random.nextInt(CITY.length);
        row.put("addressLine1", (1 + random.nextInt(999)) + " " + random.pick(SeedRandom.LAST) + " Street");
        row.put("addressLine2", "");
        row.put("city", CITY[city]);
        row.put("state", "");
        row.put("country", COUNTRY[city]);
        row.put("postalCode", String.valueOf(10000 + random.nextInt(89999)));
    }

    private void currency(ObjectNode row, boolean foreign) {
        if (foreign) {
            String[] currency = currencies.get(random.nextInt(currencies.size())).split("\\|");
            row.put("currencyId", currency[0]);
            row.put("currencyCode", currency[1]);
        } else {
            row.put("currencyId", EMPTY_GUID);
            row.put("currencyCode", "");
        }
    }

    private String customerName(int i) {
        String name = random.pick(TRADE) + " " + random.pick(SeedRandom.LAST) + " " + random.pick(SUFFIX);
        if (i % 97 == 0) {
            // BC's maximum: 100 characters.
            StringBuilder longName = new StringBuilder(name).append(' ');
            while (longName.length() < 100) {
                longName.append((char) ('a' + longName.length() % 26));
            }
            return longName.substring(0, 100);
        }
        return name;
    }

    private static ObjectNode row() {
        return JsonBodies.MAPPER.createObjectNode();
    }

    private void seedBc(String set, ObjectNode row) {
        bcRows.add(set, row);
    }

    private void countBc(String set) {
        rows.merge("bc/" + set, 1, Integer::sum);
    }

    private void countCrm(String set) {
        rows.merge("dataverse/" + set, 1, Integer::sum);
    }
}

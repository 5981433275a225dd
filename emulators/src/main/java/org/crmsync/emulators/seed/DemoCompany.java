package org.crmsync.emulators.seed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.crmsync.emulators.bc.BusinessCentralEmulator;
import org.crmsync.emulators.dataverse.DataverseEmulator;

/**
 * A demo company, the same for the same seed and scale: a local currency and foreign ones with rates,
 * salespeople (some without a CRM user), CRM users (some without a salesperson), and customers with and
 * without salesperson and currency, including awkward names, maximum-length values, empty e-mails and
 * blocked customers.
 */
public final class DemoCompany {

    public static final String TENANT = "7d8a2c8e-4b0f-4a57-9a54-0c5f3b1d2e6f";
    public static final String ENVIRONMENT = "production";
    public static final String COMPANY_ID = "5a3c4b1e-9f0a-4d2b-8c7e-1e2f3a4b5c6d";
    public static final String COMPANY_NAME = "CRONUS Demo";
    public static final String LOCAL_CURRENCY = "USD";
    public static final String EMPTY_GUID = "00000000-0000-0000-0000-000000000000";

    private static final Instant EPOCH = Instant.parse("2026-01-01T08:00:00Z");
    private static final String[] FIRST = {"Annette", "Bjørn", "Chloé", "Dmitri", "Eleanor", "François", "Grace",
        "Hiroshi", "Ingrid", "José", "Kwame", "Lena", "Mateo", "Noor", "Olivia", "Pádraig", "Quinn", "Raj"};
    private static final String[] LAST = {"Hill", "O'Connor", "Søndergaard", "Müller", "Nakamura", "Okafor",
        "García", "Łukasiewicz", "Smith", "D'Angelo", "Petrov", "Nguyễn", "Brown", "Lindqvist"};
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

    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final int customers;

    /** What was seeded, counted as it was written. */
    public record Summary(int customers, int eligibleCustomers, int salespeople, int salespeopleWithCrmUser,
                          int crmUsers, int currencies, String integrationUserId) {
    }

    private DemoCompany(int customers, long seed) {
        this.customers = customers;
        this.random = new Random(seed);
    }

    /** Seeds both emulators with a demo company of {@code customers} customers. */
    public static Summary seed(BusinessCentralEmulator bc, DataverseEmulator dataverse, int customers, long seed) {
        return new DemoCompany(customers, seed).seedInto(bc, dataverse);
    }

    private Summary seedInto(BusinessCentralEmulator bc, DataverseEmulator dataverse) {
        bc.addCompany(COMPANY_ID, COMPANY_NAME);
        List<String> currencyIds = seedCurrencies(bc, dataverse);
        String integrationUser = seedIntegrationUsers(dataverse);
        int salespeopleCount = Math.max(5, Math.min(200, customers / 250));
        List<String> sellingCodes = new ArrayList<>();
        int crmUsers = 0;
        for (int i = 1; i <= salespeopleCount; i++) {
            String first = pick(FIRST);
            String last = pick(LAST);
            String code = "SP" + String.format(Locale.ROOT, "%03d", i);
            String email = (first + "." + last + i).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.]", "") + "@cronus-demo.com";
            ObjectNode salesperson = json.createObjectNode();
            salesperson.put("id", uuid());
            salesperson.put("code", code);
            salesperson.put("displayName", first + " " + last);
            salesperson.put("email", email);
            salesperson.put("phoneNo", phone());
            salesperson.put("jobTitle", "Account Manager");
            salesperson.put("commisionPercent", 2.5);
            salesperson.put("privacyBlocked", false);
            salesperson.put("blocked", false);
            salesperson.put("lastModifiedDateTime", stamp());
            bc.seed(COMPANY_ID, "salespeoplePurchasers", salesperson);
            // Every fifth salesperson has no CRM user; the others sign in with the same e-mail, some in upper case.
            if (i % 5 != 0) {
                dataverse.seed("systemusers", crmUser(first, last, i % 3 == 0 ? email.toUpperCase(Locale.ROOT) : email));
                sellingCodes.add(code);
                crmUsers++;
            }
        }
        for (int i = 0; i <= salespeopleCount / 5; i++) {
            dataverse.seed("systemusers", crmUser(pick(FIRST), pick(LAST), "crm.only" + i + "@cronus-demo.com"));
            crmUsers++;
        }
        int eligible = seedCustomers(bc, sellingCodes, currencyIds);
        return new Summary(customers, eligible, salespeopleCount, sellingCodes.size(), crmUsers, FOREIGN.length,
                integrationUser);
    }

    private List<String> seedCurrencies(BusinessCentralEmulator bc, DataverseEmulator dataverse) {
        ObjectNode base = json.createObjectNode();
        base.put("transactioncurrencyid", uuid());
        base.put("isocurrencycode", LOCAL_CURRENCY);
        base.put("currencyname", "US Dollar");
        base.put("currencysymbol", "$");
        base.put("exchangerate", 1.0);
        base.put("currencyprecision", 2);
        base.put("currencytype", 0);
        dataverse.seed("transactioncurrencies", base);
        List<String> ids = new ArrayList<>();
        for (String[] currency : FOREIGN) {
            String id = uuid();
            ids.add(id + "|" + currency[0]);
            ObjectNode row = json.createObjectNode();
            row.put("id", id);
            row.put("code", currency[0]);
            row.put("displayName", currency[1]);
            row.put("symbol", currency[2]);
            row.put("amountDecimalPlaces", currency[0].equals("JPY") ? "0:0" : "2:2");
            row.put("amountRoundingPrecision", currency[0].equals("JPY") ? 1 : 0.01);
            row.put("lastModifiedDateTime", stamp());
            bc.seed(COMPANY_ID, "currencies", row);
            // BC states a rate as "exchangeRateAmount units of the currency = relationalExchangeRateAmount of LCY".
            ObjectNode rate = json.createObjectNode();
            rate.put("id", uuid());
            rate.put("currencyCode", currency[0]);
            rate.put("startingDate", "2026-01-01");
            rate.put("exchangeRateAmount", new BigDecimal(currency[3]).multiply(BigDecimal.valueOf(100)));
            rate.put("relationalCurrencyCode", "");
            rate.put("relationalExchangeRateAmount", BigDecimal.valueOf(100));
            bc.seed(COMPANY_ID, "currencyExchangeRates", rate);
        }
        return ids;
    }

    private String seedIntegrationUsers(DataverseEmulator dataverse) {
        String integrationUser = uuid();
        ObjectNode app = json.createObjectNode();
        app.put("systemuserid", integrationUser);
        app.put("firstname", "# Business Central");
        app.put("lastname", "Integration");
        app.put("fullname", "# Business Central Integration");
        app.put("internalemailaddress", "bc-integration@cronus-demo.com");
        app.put("isdisabled", false);
        app.put("islicensed", false);
        app.put("isintegrationuser", true);
        app.put("accessmode", 4);
        app.put("applicationid", uuid());
        dataverse.seed("systemusers", app);
        ObjectNode disabled = crmUser("Former", "Employee", "former.employee@cronus-demo.com");
        disabled.put("isdisabled", true);
        dataverse.seed("systemusers", disabled);
        return integrationUser;
    }

    private ObjectNode crmUser(String first, String last, String email) {
        ObjectNode user = json.createObjectNode();
        user.put("systemuserid", uuid());
        user.put("firstname", first);
        user.put("lastname", last);
        user.put("fullname", first + " " + last);
        user.put("internalemailaddress", email);
        user.put("domainname", email.toLowerCase(Locale.ROOT));
        user.put("mobilephone", phone());
        user.put("isdisabled", false);
        user.put("islicensed", true);
        user.put("isintegrationuser", false);
        user.put("accessmode", 0);
        user.put("modifiedon", stamp().substring(0, 19) + "Z");
        return user;
    }

    private int seedCustomers(BusinessCentralEmulator bc, List<String> sellingCodes, List<String> currencies) {
        int eligible = 0;
        for (int i = 1; i <= customers; i++) {
            ObjectNode customer = json.createObjectNode();
            customer.put("id", uuid());
            customer.put("number", String.format(Locale.ROOT, "C%06d", i * 10));
            customer.put("displayName", customerName(i));
            customer.put("type", "Company");
            int city = random.nextInt(CITY.length);
            customer.put("addressLine1", (1 + random.nextInt(999)) + " " + pick(LAST) + " Street");
            customer.put("addressLine2", "");
            customer.put("city", CITY[city]);
            customer.put("state", "");
            customer.put("country", COUNTRY[city]);
            customer.put("postalCode", String.valueOf(10000 + random.nextInt(89999)));
            customer.put("phoneNumber", phone());
            customer.put("email", i % 10 == 0 ? "" : "orders" + i + "@example.com");
            customer.put("website", i % 4 == 0 ? "" : "www.customer" + i + ".example.com");
            customer.put("salespersonCode", i % 7 == 0 ? "" : sellingCodes.get(random.nextInt(sellingCodes.size())));
            customer.put("balanceDue", 0);
            customer.put("creditLimit", BigDecimal.valueOf(random.nextInt(500)).multiply(BigDecimal.valueOf(1000)));
            customer.put("taxLiable", true);
            if (i % 4 == 0) {
                String[] currency = currencies.get(random.nextInt(currencies.size())).split("\\|");
                customer.put("currencyId", currency[0]);
                customer.put("currencyCode", currency[1]);
            } else {
                customer.put("currencyId", EMPTY_GUID);
                customer.put("currencyCode", "");
            }
            customer.put("paymentTermsId", EMPTY_GUID);
            customer.put("shipmentMethodId", EMPTY_GUID);
            customer.put("paymentMethodId", EMPTY_GUID);
            boolean blocked = i % 33 == 0;
            customer.put("blocked", blocked ? "All" : " ");
            customer.put("lastModifiedDateTime", stamp());
            bc.seed(COMPANY_ID, "customers", customer);
            if (!blocked) {
                eligible++;
            }
        }
        return eligible;
    }

    private String customerName(int i) {
        String name = pick(TRADE) + " " + pick(LAST) + " " + pick(SUFFIX);
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

    private String phone() {
        return "+1 555 " + String.format(Locale.ROOT, "%04d", random.nextInt(10000));
    }

    private String stamp() {
        return EPOCH.plusMillis(random.nextInt(1_000_000_000)).toString();
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private String uuid() {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                .toString();
    }
}

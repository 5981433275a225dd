package org.crmsync.activities.sync;

import static org.crmsync.activities.mapping.FieldMapping.field;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.crmsync.activities.mapping.DeletionConflict;
import org.crmsync.activities.mapping.FieldMapping;
import org.crmsync.activities.mapping.TableMapping;
import org.crmsync.activities.mapping.UpdateConflict;
import org.crmsync.workflows.plan.Direction;
import org.junit.jupiter.api.Test;

/** Match-based coupling as bc-integration.md §7 describes it, against accounts in memory. */
class RecordMatcherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static TableMapping mapping(FieldMapping... fields) {
        return new TableMapping("CUSTOMER", Direction.TO_INTEGRATION_TABLE, "",
                new TableMapping.BcTable("customers", null, "number"),
                new TableMapping.CrmTable("accounts", "account", "accountid", "accountnumber", null, true), List.of(fields),
                true, true, null, DeletionConflict.NONE, UpdateConflict.NONE);
    }

    private static ObjectNode row(String... pairs) {
        ObjectNode row = JSON.createObjectNode();
        for (int i = 0; i < pairs.length; i += 2) {
            row.put(pairs[i], pairs[i + 1]);
        }
        return row;
    }

    private static final List<ObjectNode> ACCOUNTS = List.of(
            row("accountid", "a1", "accountnumber", "C10", "name", "Adatum"),
            row("accountid", "a2", "accountnumber", "C20", "name", "Fabrikam"),
            row("accountid", "a3", "accountnumber", "C30", "name", "Fabrikam"),
            row("accountid", "a4", "accountnumber", "", "name", "Litware"));

    private static RecordMatcher matcher(Set<String> coupled, FieldMapping... fields) {
        return new RecordMatcher(mapping(fields), true, ACCOUNTS, "accountid", coupled);
    }

    @Test
    void aRecordCouplesWithTheOneRowItsMatchFieldsAgreeWithRegardlessOfCase() {
        RecordMatcher matcher = matcher(new HashSet<>(), field("number", "accountnumber", Direction.TO_INTEGRATION_TABLE)
                .matchedAt(1));
        assertEquals("a1", matcher.match(row("number", "c10")));
        assertNull(matcher.match(row("number", "C10")), "a row couples once");
        assertNull(matcher.match(row("number", "C99")), "no row agrees");
        assertNull(matcher.match(row("number", "")), "blank values are not compared");
    }

    @Test
    void severalAgreeingRowsAreNoMatchAndTheNextPriorityGroupIsTried() {
        FieldMapping byName = field("displayName", "name", Direction.TO_INTEGRATION_TABLE).matchedAt(1);
        FieldMapping byNumber = field("number", "accountnumber", Direction.TO_INTEGRATION_TABLE).matchedAt(2);
        RecordMatcher matcher = matcher(new HashSet<>(), byName, byNumber);
        assertNull(matcher.match(row("displayName", "Fabrikam")), "two accounts are named Fabrikam");
        assertEquals("a3", matcher.match(row("displayName", "Fabrikam", "number", "C30")));
        assertEquals("a4", matcher.match(row("displayName", "LITWARE", "number", "C40")));
        assertEquals(List.of("a2", "a3"), matcher.rivals(row("displayName", "Fabrikam")).stream().sorted().toList(),
                "matching nothing else, it has rivals: it fails rather than being inserted as a third Fabrikam");
        assertEquals(List.of(), matcher.rivals(row("displayName", "Nobody")));
    }

    @Test
    void caseSensitiveMatchingComparesExactlyAndCoupledRowsAreNotCandidates() {
        FieldMapping exact = new FieldMapping("displayName", "name", Direction.TO_INTEGRATION_TABLE, null, null,
                false, false, 1, true);
        assertNull(matcher(new HashSet<>(), exact).match(row("displayName", "adatum")));
        assertNull(matcher(new HashSet<>(Set.of("a1")), exact).match(row("displayName", "Adatum")));
        assertEquals("a1", matcher(new HashSet<>(), exact).match(row("displayName", "Adatum")));
    }

    @Test
    void aRowTwoSourcesOfThePageWouldMatchIsTakenByNeither() {
        FieldMapping byNumber = field("number", "accountnumber", Direction.TO_INTEGRATION_TABLE).matchedAt(1);
        RecordMatcher matcher = matcher(new HashSet<>(), byNumber);
        ObjectNode first = row("number", "C10");
        ObjectNode second = row("number", "C10");
        matcher.contest(List.of(first, second, row("number", "C20")));

        assertNull(matcher.match(first));
        assertEquals("a1", matcher.contested(second), "both are told which row they contend for");
        assertEquals("a2", matcher.match(row("number", "C20")));
    }
}

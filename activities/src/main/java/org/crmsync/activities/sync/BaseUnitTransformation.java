package org.crmsync.activities.sync;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the unit of a Dataverse row that names a unit group: the group's base unit, since BC's unit of measure is
 * coupled with a group (creating a group creates its base unit, apis.md A10). A product's default unit, and a
 * price list item's unit (the PLLINE-PRODPRICE transformation).
 */
final class BaseUnitTransformation implements Transformation {

    private static final Pattern BOUND_ID = Pattern.compile("/uomschedules\\(([^)]+)\\)");

    private final Map<String, String> baseUnitBySchedule;
    private final String scheduleBind;
    private final String unitBind;
    private final String codeField;
    private final String caption;
    private final String creating;

    /**
     * @param scheduleColumn the navigation property the row binds its unit group with
     * @param unitColumn     the navigation property its unit goes to
     * @param codeField      the BC field that holds the unit of measure code, and its caption, for messages
     * @param creating       what the row is, for messages: "a product"
     */
    BaseUnitTransformation(Connectors connectors, String scheduleColumn, String unitColumn, String codeField,
                           String caption, String creating) {
        this.scheduleBind = scheduleColumn + "@odata.bind";
        this.unitBind = unitColumn + "@odata.bind";
        this.codeField = codeField;
        this.caption = caption;
        this.creating = creating;
        this.baseUnitBySchedule = baseUnitsBySchedule(connectors);
    }

    /** Each Dataverse unit group's base unit, by group id. */
    static Map<String, String> baseUnitsBySchedule(Connectors connectors) {
        Map<String, String> baseUnits = new HashMap<>();
        for (ObjectNode unit : connectors.dataverse().readAll("uoms", "isschedulebaseuom eq true",
                "uomid,_uomscheduleid_value")) {
            baseUnits.put(unit.path("_uomscheduleid_value").asText(), unit.path("uomid").asText());
        }
        return baseUnits;
    }

    /** @throws RecordFailure when the row binds no unit group, or its group has no base unit */
    @Override
    public void apply(ObjectNode record, ObjectNode row) {
        Matcher schedule = BOUND_ID.matcher(row.path(scheduleBind).asText(""));
        if (!schedule.matches()) {
            throw new RecordFailure(caption + " must be filled in to create " + creating + " in Dataverse");
        }
        String baseUnit = baseUnitBySchedule.get(schedule.group(1));
        if (baseUnit == null) {
            throw new RecordFailure("The Dataverse unit group of " + caption + " " + record.path(codeField).asText()
                    + " has no base unit; synchronize UNIT OF MEASURE again");
        }
        row.put(unitBind, "/uoms(" + baseUnit + ")");
    }
}

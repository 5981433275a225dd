package org.crmsync.starter;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an interval as people write it: 30s, 5m, 2h, 1d, or ISO-8601 (PT5M). */
final class IntervalConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhd])");

    @Override
    public Duration convert(String value) {
        Matcher m = SHORT.matcher(value.trim().toLowerCase(java.util.Locale.ROOT));
        Duration interval;
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            interval = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } else {
            try {
                interval = Duration.parse(value.trim().toUpperCase(java.util.Locale.ROOT));
            } catch (java.time.format.DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is no interval; write 30s, 5m, 1h or PT5M");
            }
        }
        if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new TypeConversionException("the interval must be at least a second, was " + value);
        }
        return interval;
    }
}

package org.crmsync.activities.http;

/** Reading an OData service page by page: what both connectors offer the sync engine. */
public interface ODataReader {

    /** The first page of an entity set; {@code filter} may be null, and so may {@code select} where the service allows. */
    ODataPage firstPage(String entitySet, String filter, String select, int pageSize);

    /** The page at a nextLink, requested verbatim. */
    ODataPage nextPage(String link, int pageSize);
}

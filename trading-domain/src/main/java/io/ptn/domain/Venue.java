package io.ptn.domain;

/** Where a pair trades, which decides its market hours. */
public enum Venue {
    /** Always open. */
    CRYPTO,
    /**
     * Sunday 17:00 to Friday 17:00 America/New_York, closed on New Year's Day, Good Friday, Christmas and Boxing Day,
     * the fixed-date ones observed on the nearest weekday.
     */
    FOREX,
    /** NYSE/NASDAQ regular session 09:30-16:00 America/New_York on NYSE trading days, 13:00 on half days. */
    NYSE,
    /** Cboe index hours; modelled on the NYSE session and calendar. */
    CBOE,
    /** London Stock Exchange 08:00-16:30 Europe/London on UK trading days. */
    LSE,
    /** Xetra 09:00-17:30 Europe/Berlin on German exchange trading days. */
    XETRA
}

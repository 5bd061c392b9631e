/// Calendars written after what each client exports (their documented output and files seen in
/// the wild), CR LF and folding included.
enum ClientExports {
    static func crlf(_ text: String) -> [UInt8] {
        Array(text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n").utf8)
    }

    /// Google Calendar: IANA TZIDs with a VTIMEZONE, UIDs @google.com, a moved occurrence.
    static let google = crlf("""
        BEGIN:VCALENDAR
        PRODID:-//Google Inc//Google Calendar 70.9054//EN
        VERSION:2.0
        CALSCALE:GREGORIAN
        METHOD:PUBLISH
        X-WR-CALNAME:Family
        X-WR-TIMEZONE:Asia/Ulaanbaatar
        BEGIN:VTIMEZONE
        TZID:Asia/Ulaanbaatar
        X-LIC-LOCATION:Asia/Ulaanbaatar
        BEGIN:STANDARD
        TZOFFSETFROM:+0800
        TZOFFSETTO:+0800
        TZNAME:GMT+8
        DTSTART:19700101T000000
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        DTSTART;VALUE=DATE:19870127
        DTEND;VALUE=DATE:19870128
        RRULE:FREQ=YEARLY
        DTSTAMP:20261201T000000Z
        UID:7kukuqrfedlm2f9t8fvd6iugtc@google.com
        CREATED:20260101T000000Z
        DESCRIPTION:Established in Ulaanbaatar\\, 27 January 1987.\\nSee the article.
        LAST-MODIFIED:20260101T000000Z
        SEQUENCE:0
        STATUS:CONFIRMED
        SUMMARY:U.S.–Mongolia diplomatic relations
        TRANSP:TRANSPARENT
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;TZID=Asia/Ulaanbaatar:20260106T190000
        DTEND;TZID=Asia/Ulaanbaatar:20260106T200000
        RRULE:FREQ=WEEKLY;WKST=MO;BYDAY=TU
        EXDATE;TZID=Asia/Ulaanbaatar:20260120T190000
        DTSTAMP:20261201T000000Z
        UID:3f9a0c1e2b@google.com
        SUMMARY:Choir practice
        BEGIN:VALARM
        ACTION:DISPLAY
        DESCRIPTION:This is an event reminder
        TRIGGER:-P0DT0H30M0S
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;TZID=Asia/Ulaanbaatar:20260204T190000
        DTEND;TZID=Asia/Ulaanbaatar:20260204T200000
        DTSTAMP:20261201T000000Z
        UID:3f9a0c1e2b@google.com
        RECURRENCE-ID;TZID=Asia/Ulaanbaatar:20260203T190000
        SUMMARY:Choir practice
        END:VEVENT
        END:VCALENDAR
        """)

    /// Outlook: Windows zone names in TZID, with VTIMEZONEs written from 1601.
    static let outlook = crlf("""
        BEGIN:VCALENDAR
        PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
        VERSION:2.0
        METHOD:PUBLISH
        X-MS-OLK-FORCEINSPECTOROPEN:TRUE
        BEGIN:VTIMEZONE
        TZID:W. Europe Standard Time
        BEGIN:STANDARD
        DTSTART:16011028T030000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:16010325T020000
        RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        END:DAYLIGHT
        END:VTIMEZONE
        BEGIN:VTIMEZONE
        TZID:(UTC+10:00) Canberra\\, Melbourne\\, Sydney
        BEGIN:STANDARD
        DTSTART:16010401T030000
        RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=4
        TZOFFSETFROM:+1100
        TZOFFSETTO:+1000
        END:STANDARD
        BEGIN:DAYLIGHT
        DTSTART:16011007T020000
        RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=10
        TZOFFSETFROM:+1000
        TZOFFSETTO:+1100
        END:DAYLIGHT
        END:VTIMEZONE
        BEGIN:VEVENT
        CLASS:PUBLIC
        CREATED:20260301T101010Z
        DTEND;TZID="W. Europe Standard Time":20270326T170000
        DTSTAMP:20261201T101010Z
        DTSTART;TZID="W. Europe Standard Time":20270326T160000
        PRIORITY:5
        RRULE:FREQ=MONTHLY;COUNT=8;INTERVAL=3;BYDAY=FR;BYSETPOS=-1
        SEQUENCE:0
        SUMMARY;LANGUAGE=en-us:Board meeting
        UID:040000008200E00074C5B7101A82E00800000000D0F0E1C2B3A4D801000000000000000010000000
        X-MICROSOFT-CDO-BUSYSTATUS:BUSY
        BEGIN:VALARM
        TRIGGER:-PT15M
        ACTION:DISPLAY
        DESCRIPTION:Reminder
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;TZID="(UTC+10:00) Canberra, Melbourne, Sydney":20270103T080000
        DTSTAMP:20261201T101010Z
        SUMMARY:Call Sydney
        UID:040000008200E00074C5B7101A82E00800000000AABBCCDD
        BEGIN:VALARM
        TRIGGER;RELATED=START:-P1D
        ACTION:DISPLAY
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        DTSTART;TZID=Ulaanbaatar Standard Time:20270711T100000
        DTSTAMP:20261201T101010Z
        SUMMARY:Naadam opening
        UID:naadam-2027
        END:VEVENT
        END:VCALENDAR
        """)

    /// Apple Calendar: a birthday without a year, an all-day alarm "the day before at 09:00".
    static let apple = crlf("""
        BEGIN:VCALENDAR
        VERSION:2.0
        PRODID:-//Apple Inc.//macOS 15.1//EN
        CALSCALE:GREGORIAN
        BEGIN:VEVENT
        UID:D8A3C1B2-1F2E-4D5C-9B8A-7F6E5D4C3B2A
        DTSTART;VALUE=DATE;X-APPLE-OMIT-YEAR=1604:16040311
        DTEND;VALUE=DATE;X-APPLE-OMIT-YEAR=1604:16040312
        RRULE:FREQ=YEARLY
        SUMMARY:Dorj Bat’s Birthday
        CATEGORIES:Birthdays
        BEGIN:VALARM
        X-WR-ALARMUID:1C2B3A4D-0000-1111-2222-333344445555
        UID:1C2B3A4D-0000-1111-2222-333344445555
        TRIGGER:-PT15H
        ACTION:DISPLAY
        DESCRIPTION:Reminder
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        UID:A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF
        DTSTART;TZID=Europe/London:20260329T013000
        RRULE:FREQ=MONTHLY;BYMONTHDAY=-1
        SUMMARY:Month-end close
        BEGIN:VALARM
        TRIGGER;VALUE=DATE-TIME:20260328T120000Z
        ACTION:DISPLAY
        END:VALARM
        END:VEVENT
        END:VCALENDAR
        """)

    /// Thunderbird: a Mozilla-style TZID path, categories, an every-other-week rule.
    static let thunderbird = crlf("""
        BEGIN:VCALENDAR
        PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN
        VERSION:2.0
        BEGIN:VTIMEZONE
        TZID:/mozilla.org/20050126_1/America/New_York
        X-LIC-LOCATION:America/New_York
        BEGIN:DAYLIGHT
        TZOFFSETFROM:-0500
        TZOFFSETTO:-0400
        DTSTART:19700308T020000
        RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:-0400
        TZOFFSETTO:-0500
        DTSTART:19701101T020000
        RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        CREATED:20260901T120000Z
        LAST-MODIFIED:20260901T120000Z
        DTSTAMP:20260901T120000Z
        UID:6d3c0a8e-1b2f-4c5d-9e8f-0a1b2c3d4e5f
        SUMMARY:Team sync
        CATEGORIES:Work,Meetings
        RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU
        DTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260908T093000
        DTEND;TZID=/mozilla.org/20050126_1/America/New_York:20260908T100000
        TRANSP:OPAQUE
        X-MOZ-GENERATION:3
        BEGIN:VALARM
        ACTION:DISPLAY
        TRIGGER;VALUE=DURATION:-PT15M
        DESCRIPTION:Default Mozilla Description
        END:VALARM
        END:VEVENT
        END:VCALENDAR
        """)

    /// Nextcloud (Sabre/VObject): UNTIL in UTC, a cancelled occurrence, a task beside the events.
    static let nextcloud = crlf("""
        BEGIN:VCALENDAR
        VERSION:2.0
        CALSCALE:GREGORIAN
        PRODID:-//SabreDAV//SabreDAV//EN
        X-WR-CALNAME:Personal
        BEGIN:VTIMEZONE
        TZID:Europe/Berlin
        BEGIN:DAYLIGHT
        TZOFFSETFROM:+0100
        TZOFFSETTO:+0200
        TZNAME:CEST
        DTSTART:19700329T020000
        RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
        END:DAYLIGHT
        BEGIN:STANDARD
        TZOFFSETFROM:+0200
        TZOFFSETTO:+0100
        TZNAME:CET
        DTSTART:19701025T030000
        RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
        END:STANDARD
        END:VTIMEZONE
        BEGIN:VEVENT
        CREATED:20260110T080000Z
        DTSTAMP:20260110T080000Z
        LAST-MODIFIED:20260110T080000Z
        SEQUENCE:2
        UID:b1f6e3a0-3c1d-4e2f-8a9b-0c1d2e3f4a5b
        DTSTART;TZID=Europe/Berlin:20260105T073000
        DTEND;TZID=Europe/Berlin:20260105T080000
        STATUS:CONFIRMED
        SUMMARY:Morning run
        RRULE:FREQ=DAILY;UNTIL=20260131T063000Z;BYDAY=MO,WE,FR
        BEGIN:VALARM
        ACTION:AUDIO
        TRIGGER:PT0S
        END:VALARM
        END:VEVENT
        BEGIN:VEVENT
        UID:b1f6e3a0-3c1d-4e2f-8a9b-0c1d2e3f4a5b
        RECURRENCE-ID;TZID=Europe/Berlin:20260114T073000
        DTSTART;TZID=Europe/Berlin:20260114T073000
        DTSTAMP:20260110T080000Z
        STATUS:CANCELLED
        SUMMARY:Morning run
        END:VEVENT
        BEGIN:VTODO
        UID:task-1
        SUMMARY:Buy a gift
        END:VTODO
        END:VCALENDAR
        """)
}

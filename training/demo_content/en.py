"""The five demo modules in English: the same shape as ``fr.py`` (paragraph for paragraph, so
that each English string is imported into wagtail-localize as the translation of its French
source). Button and menu labels are the English admin's."""

MODULES = [
    {
        "title": "Signing in and editing your group's page",
        "slug": "signing-in-and-editing-a-page",
        "summary": "Your first visit to the portal's admin: sign in, find your thematic group's "
        "page, edit it and save a draft.",
        "objectives": "<ul><li>Sign in to the admin with your account</li>"
        "<li>Find your group's page in the page explorer</li>"
        "<li>Change a text and save a draft</li></ul>",
        "prerequisites": "<ul><li>Have received your username and password from the Technical "
        "Pool (or from the trainer, for the sandbox)</li></ul>",
        "lessons": [
            {
                "title": "Signing in",
                "text": "<p>Open the portal's address followed by <b>/admin/</b> in your "
                "browser. Type your <b>username</b> and <b>password</b>, then click "
                "<b>Sign in</b>.</p><p>After five failed attempts, signing in is blocked for a "
                "while: ask the Technical Pool to unlock you.</p>",
                "exercise": "<p>Sign in with the trainee account the trainer gave you. You land "
                "on the dashboard.</p>",
                "shots": [("m1-login", "The admin's sign-in screen.")],
            },
            {
                "title": "Finding your group's page",
                "text": "<p>In the left-hand menu, click <b>Pages</b>, then <b>Thematic "
                "groups</b>. You only see your own group: other groups' pages are out of your "
                "reach.</p><p>Click your group's name to see its sub-pages (terms of reference, "
                "work programme, meetings…).</p>",
                "exercise": "<p>Open the <b>Sandbox (training)</b> group and count its "
                "sub-pages.</p>",
                "shots": [("m1-explorer", "The page explorer: your group and its sub-pages.")],
            },
            {
                "title": "Editing the page and saving a draft",
                "text": "<p>Hover over your group's page and click <b>Edit</b>. Change a text, "
                "for instance the <b>mandate</b>. The help box at the top of the screen links "
                "to the relevant lesson.</p><p>Click <b>Save draft</b> at the bottom of the "
                "screen: your changes are kept but not yet visible to the public.</p>",
                "exercise": "<p>Add a sentence to the sandbox's mandate and save the draft.</p>",
                "shots": [("m1-edit", "The edit screen of a group page.")],
            },
        ],
        "checklist": [
            "I can sign in to the admin",
            "I can find my group's page",
            "I can save a draft",
        ],
    },
    {
        "title": "Publishing a document in the library with good metadata",
        "slug": "publishing-a-document-in-the-library",
        "summary": "Upload a report or minutes to your group's library, with the information "
        "that lets people find it.",
        "objectives": "<ul><li>Upload a document to your group's collection</li>"
        "<li>Fill in the title, type, date and issuing organisations</li>"
        "<li>Choose whether it is public or kept for the group</li></ul>",
        "prerequisites": "<ul><li>Module 1: signing in and editing a page</li></ul>",
        "lessons": [
            {
                "title": "Adding a document",
                "text": "<p>In the left-hand menu, click <b>Documents</b>, then <b>Add a "
                "document</b>. Choose the file on your computer (PDF, Word, Excel…). The portal "
                "checks the file: a damaged or dangerous file is refused with a message.</p>",
                "exercise": "<p>Upload a small PDF to the sandbox's collection.</p>",
                "shots": [
                    ("m2-documents", "Your group's list of documents."),
                    ("m2-add-document", "The screen for adding documents."),
                ],
            },
            {
                "title": "Filling in the metadata",
                "text": "<p>Once uploaded, the document's form opens under the file (later: "
                "click its title in the list of documents). Give a clear <b>title</b> (the document's official name), the "
                "<b>document type</b>, the <b>publication date</b>, the <b>issuing "
                "organisations</b>, the <b>languages of the document</b> and the <b>thematic "
                "groups</b> concerned. This information is what lets the public filter the "
                "library.</p>",
                "exercise": "<p>Fill in all the metadata of your document.</p>",
                "shots": [("m2-document-edit", "A document's form and its metadata.")],
            },
            {
                "title": "Public or private",
                "text": "<p>A document in your group's collection is visible in the public "
                "library when <b>show in the public library</b> is ticked. Documents in your "
                "group's <b>Private</b> collection are seen only by the group and the Technical "
                "Pool.</p>",
                "exercise": "<p>Look for your document in the public library.</p>",
                "shots": [("m2-library", "The public library and its filters.")],
            },
        ],
        "checklist": [
            "I can upload a document",
            "I fill in the title, type, date and issuers",
            "I can make a document public or keep it private",
        ],
    },
    {
        "title": "Submitting for moderation and publishing",
        "slug": "submitting-for-moderation-and-publishing",
        "summary": "Editors propose, moderators publish: how a page goes from draft to "
        "publication.",
        "objectives": "<ul><li>Submit a page to your group's moderation</li>"
        "<li>Approve or request changes (moderators)</li>"
        "<li>Follow a page's history</li></ul>",
        "prerequisites": "<ul><li>Module 1: signing in and editing a page</li></ul>",
        "lessons": [
            {
                "title": "Submitting a page",
                "text": "<p>In the edit screen, open the menu next to <b>Save draft</b> (the "
                "small arrow) and choose <b>Submit to … — Modération</b>, with your group's acronym (for example "
                "“Submit to SANTE — Modération”). Your group's moderators and the Technical Pool are notified.</p>",
                "exercise": "<p>Edit the sandbox's news item, then submit it.</p>",
                "shots": [("m3-submit", "The actions menu with “Submit to …”.")],
            },
            {
                "title": "Approving or requesting changes",
                "text": "<p>On a moderator's dashboard, the <b>My group</b> panel counts the "
                "pages <b>Awaiting moderation</b>; as soon as a page waits, the <b>Awaiting your "
                "review</b> panel appears too. Open the page: the actions menu at the bottom of "
                "the screen offers <b>Approve</b> (the page is published) or <b>Request "
                "changes</b> with a comment.</p>",
                "exercise": "<p>With the trainer, look at the submitted page from a "
                "moderator's account.</p>",
                "shots": [("m3-review", "A moderator's dashboard.")],
            },
            {
                "title": "Following the history",
                "text": "<p>The clock icon (<b>History</b>), at the top right of the edit "
                "screen, lists what was done to the page: creation, edits, submission, "
                "publication, by whom and when. The filters button, on the right, then <b>Action</b> "
                "shows one kind of action only.</p>",
                "exercise": "<p>Open the history of the news item you submitted.</p>",
                "shots": [("m3-history", "A page's history.")],
            },
        ],
        "checklist": [
            "I can submit a page for moderation",
            "I know where moderators approve",
            "I can find a page's history",
        ],
    },
    {
        "title": "Entering and validating an IATI activity",
        "slug": "entering-and-validating-an-iati-activity",
        "summary": "Describe a project in the IATI 2.03 standard so that it is published and "
        "shown on the aid map.",
        "objectives": "<ul><li>Create an activity with its IATI identifier</li>"
        "<li>Fill in dates, sectors, locations and amounts</li>"
        "<li>Read the validation report and fix the errors</li></ul>",
        "prerequisites": "<ul><li>Module 1; have the “IATI publication” role</li></ul>",
        "lessons": [
            {
                "title": "The list of activities",
                "text": "<p>In the left-hand menu, open <b>IATI</b> then <b>Activities</b>. "
                "Each row is a project, with its IATI identifier, its reporting organisation "
                "and its status.</p>",
                "exercise": "<p>Filter the list on your organisation.</p>",
                "shots": [("m4-activities", "The list of IATI activities.")],
            },
            {
                "title": "Entering an activity",
                "text": "<p>Click <b>Add</b>. Fill in the <b>Identification</b> (reporting "
                "organisation, identifier, titles in French and English), then <b>Geography and "
                "sectors</b> (the map picker helps to place the locations), then <b>Finance</b> "
                "(budgets, transactions).</p>",
                "exercise": "<p>Open an existing activity and find the three parts.</p>",
                "shots": [("m4-activity-edit", "An activity's form.")],
            },
            {
                "title": "Validating before publishing",
                "text": "<p>The portal checks each activity with the official IATI rules: "
                "errors are shown next to the field concerned. The <b>Validation report</b> "
                "(<b>IATI</b> menu) lists the problems of every activity. A published activity "
                "appears on the aid map.</p>",
                "exercise": "<p>Open the validation report and read the first problem.</p>",
                "shots": [("m4-validation", "The IATI validation report.")],
            },
        ],
        "checklist": [
            "I can find the list of activities",
            "I can fill in the parts of an activity",
            "I can read the validation report",
        ],
    },
    {
        "title": "Running your group: members, meetings, attendance, work programme",
        "slug": "running-your-group",
        "summary": "Keep the group's life up to date: its members, its meetings and attendance, "
        "its annual work programme.",
        "objectives": "<ul><li>Keep the list of members and focal points up to date</li>"
        "<li>Announce a meeting and record attendance</li>"
        "<li>Follow the year's work programme</li></ul>",
        "prerequisites": "<ul><li>Modules 1 and 3</li></ul>",
        "lessons": [
            {
                "title": "The group's members",
                "text": "<p>The <b>My groups' members</b> menu (shown to the group's "
                "moderators) shows who can edit and moderate your groups' pages. Member organisations and focal points are edited in the "
                "group's page, in the <b>Members</b> and <b>Focal points</b> parts.</p>",
                "exercise": "<p>Add a member organisation to the sandbox.</p>",
                "shots": [("m5-members", "Your groups' members.")],
            },
            {
                "title": "Announcing a meeting and recording attendance",
                "text": "<p>Under the group's page, add a <b>meeting</b> sub-page: fill in "
                "<b>When and where</b> and the <b>agenda</b>. After the meeting, add the minutes "
                "and, under <b>Attendance</b>, one line per member organisation with the people "
                "present.</p>",
                "exercise": "<p>Record the attendance of the practice meeting.</p>",
                "shots": [("m5-meeting", "A meeting with its attendance.")],
            },
            {
                "title": "The public agenda",
                "text": "<p>Published meetings appear in the groups' agenda and in the "
                "iCalendar file members can subscribe to from their e-mail software.</p>",
                "exercise": "<p>Find the meeting in the public agenda.</p>",
                "shots": [("m5-agenda", "The groups' public agenda.")],
            },
            {
                "title": "The work programme",
                "text": "<p>Every year, the group has a <b>work programme</b> page: its "
                "objectives and activities, each with a person responsible, dates and a "
                "<b>status</b> (planned, in progress, done, late, cancelled). The <b>Start next "
                "year's programme from this one</b> button copies the activities.</p>",
                "exercise": "<p>Set an activity of the practice programme to “done”.</p>",
                "shots": [("m5-workprogramme", "The annual work programme.")],
            },
        ],
        "checklist": [
            "I know who can edit my group's pages",
            "I can announce a meeting and record attendance",
            "I keep the work programme up to date",
        ],
    },
]

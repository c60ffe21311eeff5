"""The web pages the service serves beside /graphql, as the API's first client."""

from __future__ import annotations

from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from service.web import account_forms, inbox_forms, pages, profile_forms
from service.web.render import STATIC


def routes() -> list[BaseRoute]:
    post = ["POST"]
    researcher = "/researchers/{id}"
    return [
        Route("/", pages.home),
        Route("/search", pages.search),
        Route("/explore", pages.explore),
        Route(researcher, pages.researcher),
        Route(researcher + "/follow", profile_forms.follow, methods=post),
        Route(researcher + "/unfollow", profile_forms.unfollow, methods=post),
        Route(researcher + "/claim/email", profile_forms.claim_email_start, methods=post),
        Route(researcher + "/claim/code", profile_forms.claim_email_code, methods=post),
        Route(researcher + "/release", profile_forms.release, methods=post),
        Route(researcher + "/vouch", profile_forms.vouch, methods=post),
        Route(researcher + "/preferences", profile_forms.preferences, methods=post),
        Route(researcher + "/invite", profile_forms.invite, methods=post),
        # Topic and some institution ids hold a slash (subfields/1707).
        Route("/papers/{id:path}", pages.paper),
        Route("/topics/{id:path}", pages.topic),
        Route("/institutions/{id:path}", pages.institution),
        Route("/conversations/{id}", pages.conversation),
        Route("/conversations/{id}/messages", inbox_forms.send_message, methods=post),
        Route("/invitations/{id}/respond", inbox_forms.respond, methods=post),
        Route("/queries", pages.saved_queries),
        Route("/queries/{name}", pages.saved_query),
        Route("/login", account_forms.log_in_page),
        Route("/login", account_forms.log_in, methods=post),
        Route("/logout", account_forms.log_out, methods=post),
        Route("/signup", account_forms.sign_up_page),
        Route("/signup", account_forms.sign_up, methods=post),
        Route("/signup/code", account_forms.sign_up_page),
        Route("/signup/confirm", account_forms.confirm_sign_up, methods=post),
        Route("/favicon.ico", pages.favicon),
        Mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static"),
    ]

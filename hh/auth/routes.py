"""Sign in, sign out, change password, accept an invitation."""
from flask import current_app, flash, redirect, request, session, url_for
from flask_login import current_user, login_user, logout_user

from hh.auth import bp, services
from hh.auth.forms import ChangePasswordForm, LoginForm, SetPasswordForm
from hh.extensions import limiter
from hh.forms import ButtonForm
from hh.web import PUBLIC, SIGNED_IN, allow, render, safe_next


def _login_limit() -> str:
    return current_app.config["LOGIN_LIMIT"]


def _account_key() -> str:
    return "account:" + services.normalize_email(request.form.get("email", ""))[:254]


def _failed(response) -> bool:
    # Only failed attempts count towards the limit; a successful sign-in redirects.
    return response.status_code != 303


@bp.route("/login", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key, deduct_when=_failed)
def login():
    """Sign in with email and password. The same message for unknown email or wrong password."""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(url_for("main.home"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            session.clear()  # nothing from before sign-in carries over
            login_user(user)
            services.start_session()
            return redirect(safe_next(form.next.data, url_for("main.home")), 303)
        form.password.errors.append("Email or password is not right.")
    status = 422 if request.method == "POST" else 200
    return render("auth/login.html", form=form, demo_users=_demo_users(), status=status)


def _demo_users():
    if not current_app.config["DEMO_MODE"]:
        return []
    from hh.demo import DEMO_USERS

    return DEMO_USERS


@bp.route("/logout", methods=["POST"])
@allow(*SIGNED_IN)
def logout():
    """Sign out everywhere: every cookie of this user stops working."""
    form = ButtonForm()
    if form.validate_on_submit():
        services.sign_out(current_user._get_current_object())
        logout_user()
        session.clear()
        flash("You are signed out.", "success")
    return redirect(url_for("auth.login"), 303)


@bp.route("/password", methods=["GET", "POST"])
@allow(*SIGNED_IN)
def password():
    """Change your own password (the current one is required)."""
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(current_user._get_current_object(),
                                     form.current_password.data, form.new_password.data)
        except services.AccountError as error:
            getattr(form, error.field).errors.append(str(error))
        else:
            # Other browsers are signed out; this one carries on with the new token.
            login_user(current_user._get_current_object())
            services.start_session()
            flash("Your password is changed. Other devices are signed out.", "success")
            return redirect(url_for("main.home"), 303)
    status = 422 if request.method == "POST" else 200
    return render("auth/password.html", form=form, status=status)


@bp.route("/invite/<token>", methods=["GET", "POST"])
@allow(PUBLIC)
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
def invite(token: str):
    """Accept an invitation: the new user chooses their password."""
    user = services.user_by_invite(token)
    if user is None:
        return render("auth/invite_invalid.html", status=404)
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            services.accept_invite(user, form.new_password.data)
        except services.AccountError as error:
            form.new_password.errors.append(str(error))
        else:
            flash("Your password is set. Sign in to continue.", "success")
            return redirect(url_for("auth.login"), 303)
    status = 422 if request.method == "POST" else 200
    return render("auth/invite.html", form=form, invited=user, status=status)

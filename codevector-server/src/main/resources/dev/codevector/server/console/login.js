// Shows the login page's error after a failed attempt.
if (new URLSearchParams(location.search).has('failed')) {
  document.getElementById('login-error').hidden = false;
}

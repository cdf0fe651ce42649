"""JupyterHub on one machine for a gokernel classroom (or its test).

Debian's packages are all it needs: jupyterhub (which brings
jupyterhub-singleuser and Debian's configurable-http-proxy), jupyter-notebook,
and gokernel installed as a kernel. Run as root, from the folder that is to
hold the hub's database and cookie secret:

    GK_HUB_PASSWORD=... jupyterhub -f docker/jupyterhub/jupyterhub_config.py

Each student is a real Unix user: the hub starts their server (and so their
kernels) as that user, in their home, so students cannot read each other's
files when their homes are private (mode 0700). Students log in with their
user name and the one shared password: a simple authenticator for a lab or a
test, not for the internet (use PAM or OAuth there).

Settings come from the environment, so the test (test_hub.py) can use free
ports and a folder of its own:

    GK_HUB_PASSWORD       the shared password (required)
    GK_HUB_USERS          comma-separated users allowed in (default gk-alice,gk-bob)
    GK_HUB_ADMINS         comma-separated admin users (default none)
    GK_HUB_IP / GK_HUB_PORT     where students connect (default 127.0.0.1:8000)
    GK_HUB_API_PORT       the hub's own API, for the proxy and servers (default 8081)
    GK_HUB_PROXY_API_PORT the proxy's API (default 8001)
    GK_HUB_STATE_DIR      database and cookie secret (default: current folder)
    GK_HUB_JUPYTER_PATH   extra JUPYTER_PATH for the servers, for a gokernel
                          kernelspec installed outside the system folders
    GK_HUB_TEST_TOKEN     when set, an API token for a service "classroom-test"
                          that may manage users and servers (the test uses it)
"""

import glob
import os

c = get_config()  # noqa: F821 (JupyterHub defines it when it loads this file)

env = os.environ.get
state = os.path.abspath(env("GK_HUB_STATE_DIR", "."))

# --- where it listens -------------------------------------------------------
c.JupyterHub.bind_url = f"http://{env('GK_HUB_IP', '127.0.0.1')}:{env('GK_HUB_PORT', '8000')}"
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = int(env("GK_HUB_API_PORT", "8081"))
# Debian's node-configurable-http-proxy, started and stopped by the hub. Its
# modules are in Debian's Node.js folders, where Debian's own node looks but a
# Node.js from elsewhere (NodeSource's, say) does not: the proxy inherits the
# hub's environment, so NODE_PATH names them.
c.ConfigurableHTTPProxy.command = ["configurable-http-proxy"]
os.environ["NODE_PATH"] = os.pathsep.join(
    [p for p in env("NODE_PATH", "").split(os.pathsep) if p]
    + [p for p in ["/usr/share/nodejs", "/usr/lib/nodejs", *glob.glob("/usr/lib/*/nodejs")] if os.path.isdir(p)])
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env('GK_HUB_PROXY_API_PORT', '8001')}"
c.JupyterHub.db_url = f"sqlite:///{os.path.join(state, 'jupyterhub.sqlite')}"
c.JupyterHub.cookie_secret_file = os.path.join(state, "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = os.path.join(state, "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops the students' servers

# --- who gets in: a shared password, and only the listed users ---------------
c.JupyterHub.authenticator_class = "jupyterhub.auth.DummyAuthenticator"
password = env("GK_HUB_PASSWORD")
if not password:
    raise SystemExit("jupyterhub_config.py: set GK_HUB_PASSWORD to the shared password")
c.DummyAuthenticator.password = password
c.Authenticator.allowed_users = {u for u in env("GK_HUB_USERS", "gk-alice,gk-bob").split(",") if u}
c.Authenticator.admin_users = {u for u in env("GK_HUB_ADMINS", "").split(",") if u}

# --- how a student's server starts: as that Unix user, in their home ---------
c.JupyterHub.spawner_class = "jupyterhub.spawner.LocalProcessSpawner"
c.Spawner.cmd = ["jupyterhub-singleuser"]
c.Spawner.notebook_dir = "~"
c.Spawner.default_url = "/tree"
# gokernel is what a new notebook gets (the image does this in /etc/jupyter).
c.Spawner.args = ["--MappingKernelManager.default_kernel_name=gokernel"]
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60
if env("GK_HUB_JUPYTER_PATH"):
    c.Spawner.environment = {"JUPYTER_PATH": env("GK_HUB_JUPYTER_PATH")}

# --- the test's own service token ---------------------------------------------
if env("GK_HUB_TEST_TOKEN"):
    c.JupyterHub.services = [{"name": "classroom-test", "api_token": env("GK_HUB_TEST_TOKEN")}]
    c.JupyterHub.load_roles = [{
        "name": "classroom-test",
        "scopes": ["admin:users", "admin:servers", "tokens"],
        "services": ["classroom-test"],
    }]

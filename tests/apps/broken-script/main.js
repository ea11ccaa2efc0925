window.brokenScriptStarted = true;
throw new Error('boom from broken-script');
